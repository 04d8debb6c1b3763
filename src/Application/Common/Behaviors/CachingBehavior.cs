using System.Diagnostics;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Telemetry;
using Mediator;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// Serves cached queries from HybridCache, which runs one fetch per key however many callers miss
/// at once. An answer lives for its query's TTL; where a shared (distributed) cache backs
/// HybridCache, an instance keeps it in its own memory only for the local lifetime, then looks at
/// the shared cache again, so writes made on other instances show here within that bound.
/// </summary>
public sealed class CachingBehavior<TMessage, TResponse>(
    HybridCache cache,
    CacheStatistics statistics,
    IOptions<CachingOptions> options,
    ILogger<CachingBehavior<TMessage, TResponse>> logger,
    IDistributedCache? sharedCache = null)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICachedQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>
{
    private readonly HybridCacheEntryOptions _entry = EntryOptions(TMessage.Ttl(options.Value), options.Value, sharedCache is not null);
    private readonly string[] _tags = [.. TMessage.Tags];
    private readonly CacheCounters _counters = statistics.For(TMessage.CacheName);

    // A read of the store is worth a line to an operator; a computation (the ephemeris's years, the Moon now) is not.
    private static readonly LogLevel UpdatedLevel =
        typeof(IStoreQuery<TResponse>).IsAssignableFrom(typeof(TMessage)) ? LogLevel.Information : LogLevel.Debug;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var fetched = false;
        var clears = _counters.Clears;
        var caller = Activity.Current?.Context ?? default;
        var answer = await cache.GetOrCreateAsync(
            message.CacheKey,
            async token =>
            {
                fetched = true;
                return await FetchAsync(message, next, caller, token);
            },
            _entry,
            _tags,
            cancellationToken);

        if (fetched)
        {
            if (_counters.Clears != clears)
            {
                // A write cleared the cache while this fetch read the store: what it read may predate the
                // write, yet HybridCache stores it as newer than the clearing. Drop it so the next read fetches.
                await cache.RemoveAsync(message.CacheKey, CancellationToken.None);
            }

            _counters.Miss();
            return answer.WithCacheStatus(CacheStatus.Miss);
        }

        _counters.Hit();
        PipelineLog.CacheHit(logger, TMessage.CacheName, message.CacheKey);
        return answer;
    }

    /// <summary>Runs the handler; what it returns is stored as a hit for the callers after this one.</summary>
    private async ValueTask<TResponse> FetchAsync(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, ActivityContext caller, CancellationToken cancellationToken)
    {
        // HybridCache runs the fetch outside the caller's execution context: the span names the
        // request's trace as its parent, so the retries and queries under it stay in that trace.
        using var span = LunarVocMetrics.ActivitySource.StartActivity("cache.fetch", ActivityKind.Internal, caller);
        span?.SetTag("cache", TMessage.CacheName);
        PipelineLog.CacheMiss(logger, message.CacheKey);

        var fresh = await next(message, cancellationToken);
        _counters.Fetched(fresh.FetchedAt);
        PipelineLog.CacheUpdated(logger, UpdatedLevel, message.CacheKey, fresh.FetchedAt);
        return fresh.WithCacheStatus(CacheStatus.Hit);
    }

    private static HybridCacheEntryOptions EntryOptions(TimeSpan ttl, CachingOptions options, bool shared) => new()
    {
        Expiration = ttl,
        LocalCacheExpiration = shared && options.LocalLifetime < ttl ? options.LocalLifetime : ttl,
    };
}
