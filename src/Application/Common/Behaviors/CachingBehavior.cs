using System.Diagnostics;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Telemetry;
using Mediator;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// Serves cached queries from HybridCache, which runs one fetch per key however many callers miss
/// at once. Freshness is judged against the injected clock from the answer's own FetchedAt, so
/// the TTL is exact and testable. Every fetched answer also becomes the last good one.
/// </summary>
public sealed class CachingBehavior<TMessage, TResponse>(
    HybridCache cache,
    LastGoodStore lastGood,
    CacheStatistics statistics,
    TimeProvider timeProvider,
    IOptions<CachingOptions> options,
    ILogger<CachingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICachedQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>
{
    private EntrySettings? _settings;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var settings = _settings ??= new EntrySettings(message, options.Value);
        var fetch = new Fetch(this, message, next);

        var answer = await cache.GetOrCreateAsync(message.CacheName, fetch, Fetch.RunAsync, settings.Read, settings.Tags, cancellationToken);
        if (!fetch.Ran && settings.SharedCheckDue(timeProvider.GetUtcNow()))
        {
            // Shared cache: past the local lifetime, look at Redis (and its tag invalidations) again,
            // so writes made on other instances show here within that bound.
            answer = await cache.GetOrCreateAsync(message.CacheName, fetch, Fetch.RunAsync, settings.Shared, settings.Tags, cancellationToken);
        }

        var age = timeProvider.GetUtcNow() - answer.FetchedAt;
        if (!fetch.Ran && age >= settings.Ttl)
        {
            // Expired by our clock though still held by the cache: fetch again (callers arriving together share one fetch).
            answer = await cache.GetOrCreateAsync(message.CacheName, fetch, Fetch.RunAsync, settings.Refresh, settings.Tags, cancellationToken);
        }

        var counters = statistics.For(message.CacheName);
        if (fetch.Ran)
        {
            counters.Miss();
            return answer.WithCacheStatus(CacheStatus.Miss);
        }

        counters.Hit();
        PipelineLog.CacheHit(logger, message.CacheName, age.TotalSeconds);
        return answer;
    }

    private async ValueTask<TResponse> FetchAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        PipelineLog.CacheMiss(logger, message.CacheName);
        var fresh = await next(message, cancellationToken);
        statistics.For(message.CacheName).Fetched(fresh.FetchedAt);
        lastGood.Remember(message.CacheName, fresh);
        PipelineLog.CacheUpdated(logger, message.CacheName, fresh.FetchedAt);

        return fresh.WithCacheStatus(CacheStatus.Hit);
    }

    /// <summary>Per message type, worked out once: a cached query's TTL and tags do not change while the service runs.</summary>
    private sealed class EntrySettings(TMessage message, CachingOptions options)
    {
        private long _sharedCheckedAtTicks;

        public TimeSpan Ttl { get; } = message.Ttl(options);

        public string[] Tags { get; } = message.Tags.ToArray();

        public HybridCacheEntryOptions Read => field ??= new()
        {
            Expiration = Ttl,
            LocalCacheExpiration = options.SharedCache && options.LocalLifetime < Ttl ? options.LocalLifetime : Ttl,
        };

        public HybridCacheEntryOptions Shared => field ??= new()
        {
            Expiration = Ttl,
            LocalCacheExpiration = Read.LocalCacheExpiration,
            Flags = HybridCacheEntryFlags.DisableLocalCacheRead,
        };

        /// <summary>True for one caller per local lifetime, when a shared cache is configured.</summary>
        public bool SharedCheckDue(DateTimeOffset now)
        {
            if (!options.SharedCache)
            {
                return false;
            }

            var last = Interlocked.Read(ref _sharedCheckedAtTicks);
            return now.UtcTicks - last >= options.LocalLifetime.Ticks
                && Interlocked.CompareExchange(ref _sharedCheckedAtTicks, now.UtcTicks, last) == last;
        }

        public HybridCacheEntryOptions Refresh => field ??= new()
        {
            Expiration = Ttl,
            LocalCacheExpiration = Ttl,
            Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
        };
    }

    /// <summary>The state of one call: whether this caller's fetch ran (a miss) or the cache answered (a hit).</summary>
    private sealed class Fetch(
        CachingBehavior<TMessage, TResponse> owner, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next)
    {
        public bool Ran { get; private set; }

        public static ValueTask<TResponse> RunAsync(Fetch state, CancellationToken cancellationToken) =>
            state.Run(cancellationToken);

        // HybridCache runs the factory outside the caller's execution context, so the request's
        // trace is carried in by hand: the fetch span, and the retries and queries under it, stay
        // in the trace of the request that caused the fetch.
        private readonly ActivityContext _caller = Activity.Current?.Context ?? default;

        private async ValueTask<TResponse> Run(CancellationToken cancellationToken)
        {
            Ran = true;
            using var span = LunarVocMetrics.ActivitySource.StartActivity("cache.fetch", ActivityKind.Internal, _caller);
            span?.SetTag("cache", message.CacheName);
            return await owner.FetchAsync(message, next, cancellationToken);
        }
    }
}
