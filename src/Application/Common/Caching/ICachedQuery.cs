using Mediator;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// Opts a query into the caching, retry and stale-fallback behaviors: one line on the query.
/// </summary>
public interface ICachedQuery<out TResponse> : IQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>
{
    /// <summary>The cache key, also the name the cache statistics report.</summary>
    string CacheName { get; }

    /// <summary>Tags that writes invalidate.</summary>
    IEnumerable<string> Tags => CacheTags.VocWindows;

    TimeSpan Ttl(CachingOptions options);
}

/// <summary>Marks a command whose success makes the cached reads with these tags out of date.</summary>
public interface IInvalidatesCache
{
    IEnumerable<string> InvalidatedTags => CacheTags.VocWindows;
}

public static class CacheTags
{
    public static readonly IReadOnlyList<string> VocWindows = ["voc-windows"];
}
