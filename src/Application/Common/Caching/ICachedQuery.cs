using Mediator;

namespace LunarVoc.Application.Common.Caching;

/// <summary>What a cached query declares: its key, the tags writes invalidate, and its lifetime.</summary>
public interface ICachedQuery
{
    /// <summary>The cache key, also the name the cache statistics report.</summary>
    string CacheName { get; }

    /// <summary>Tags that writes invalidate.</summary>
    IReadOnlyList<string> Tags { get; }

    TimeSpan Ttl(CachingOptions options);
}

/// <summary>
/// Opts a query into the caching, retry and stale-fallback behaviors, by declaring what
/// <see cref="ICachedQuery"/> asks; statistics and invalidation find it (<see cref="CachedQueries"/>).
/// </summary>
public interface ICachedQuery<out TResponse> : ICachedQuery, IQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>;

/// <summary>Marks a command whose success makes the cached reads with these tags out of date.</summary>
public interface IInvalidatesCache
{
    IReadOnlyList<string> InvalidatedTags { get; }
}
