namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// What a cached query declares, per query type: the name its statistics go by, the tags writes
/// invalidate, and how long an answer stays fresh. <see cref="CachedQueries"/> finds every such
/// type, so statistics and invalidation list nothing by hand.
/// </summary>
public interface ICachedQuery
{
    static abstract string CacheName { get; }

    static abstract IReadOnlyList<string> Tags { get; }

    static abstract TimeSpan Ttl(CachingOptions options);

    /// <summary>The key of this query's answer: the cache name, with the query's parameters where it has any.</summary>
    string CacheKey { get; }
}

/// <summary>Opts a query into the caching behavior, by declaring what <see cref="ICachedQuery"/> asks.</summary>
public interface ICachedQuery<out TResponse> : ICachedQuery, IQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>;

/// <summary>
/// A cached query answered from the window store: its fetch is also retried, and the last good
/// answer is served (marked stale) when the store fails.
/// </summary>
public interface IStoreQuery<out TResponse> : ICachedQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>;

/// <summary>Marks a command whose success makes the cached reads with these tags out of date.</summary>
public interface IInvalidatesCache
{
    IReadOnlyList<string> InvalidatedTags { get; }
}

/// <summary>A command's answer that knows whether the stored windows changed; one that does not say is taken as a change.</summary>
public interface IWindowsChange
{
    bool ChangedWindows { get; }
}
