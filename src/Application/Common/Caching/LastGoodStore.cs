using System.Collections.Concurrent;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// The last answer each cached read got from the database, kept (already marked stale) beyond its
/// cache lifetime and across invalidations, to serve when the database fails. One entry per
/// store query key (the store queries take no parameters, so a fixed handful), never per client.
/// </summary>
public sealed class LastGoodStore
{
    private readonly ConcurrentDictionary<string, object> _answers = new(StringComparer.Ordinal);

    public void Remember<TResponse>(string cacheName, TResponse fresh)
        where TResponse : ICacheableResponse<TResponse> =>
        _answers[cacheName] = fresh.WithCacheStatus(CacheStatus.Stale);

    /// <summary>The stale answer, if there is one no older than <paramref name="maxAge"/> at <paramref name="now"/>.</summary>
    public TResponse? Find<TResponse>(string cacheName, DateTimeOffset now, TimeSpan maxAge)
        where TResponse : class, ICacheableResponse<TResponse> =>
        _answers.TryGetValue(cacheName, out var answer) && answer is TResponse stale && now - stale.FetchedAt <= maxAge
            ? stale
            : null;
}
