namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// An immutable answer that knows when its data was read and where it was served from.
/// The cache keeps one instance per status, so serving a hit copies nothing.
/// </summary>
public interface ICacheableResponse<out TSelf>
    where TSelf : ICacheableResponse<TSelf>
{
    DateTimeOffset FetchedAt { get; }

    CacheStatus CacheStatus { get; }

    TSelf WithCacheStatus(CacheStatus status);

    /// <summary>The same data, answered at <paramref name="now"/>: an answer that depends on the instant works itself out again.</summary>
    TSelf At(DateTimeOffset now) => (TSelf)this;
}
