using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// Answers a cached query from HybridCache, which runs one fetch per key however many callers miss at
/// once. A query read from the store (<see cref="IStoreQuery{TResponse}"/>) fetches through the
/// database pipeline (retries, outage breaker: <see cref="ResiliencePipelines"/>). When that fails, or
/// is slow while an earlier answer exists, the last good answer is served, marked stale: the fault
/// path, in <c>CachingBehavior.Fallback.cs</c>.
/// </summary>
public sealed partial class CachingBehavior<TMessage, TResponse>(
    HybridCache cache,
    CacheStatistics statistics,
    CacheInvalidations invalidations,
    ResiliencePipelineProvider<string> pipelines,
    DatabaseOutage outage,
    TimeProvider timeProvider,
    IOptions<CachingOptions> options,
    ILogger<CachingBehavior<TMessage, TResponse>> logger,
    IDistributedCache? sharedCache = null)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICachedQuery<TResponse>
    where TResponse : class, ICacheableResponse<TResponse>
{
    private static readonly bool ReadsStore = typeof(IStoreQuery<TResponse>).IsAssignableFrom(typeof(TMessage));

    // A read of the store is worth a line to an operator; a computation (the ephemeris's years, the Moon now) is not.
    private static readonly LogLevel UpdatedLevel = ReadsStore ? LogLevel.Information : LogLevel.Debug;

    private readonly HybridCacheEntryOptions _entry = EntryOptions(TMessage.Ttl(options.Value), options.Value, sharedCache is not null);
    private readonly string[] _tags = [.. TMessage.Tags];
    private readonly TagStamps _invalidations = invalidations.For(TMessage.Tags);
    private readonly CacheCounters _counters = statistics.For(TMessage.CacheName);
    private readonly ResiliencePipeline _database = pipelines.GetPipeline(ResiliencePipelines.DatabaseRead);
    private readonly ThrottledLog _updatedLog = new(timeProvider, TimeSpan.FromMinutes(1));

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var pending = ReadThroughAsync(message, next, cancellationToken);
        return ReadsStore ? await WithFallbackAsync(message.CacheKey, pending, cancellationToken) : await pending;
    }

    private async ValueTask<TResponse> ReadThroughAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fetched = false;
            var clears = _invalidations.Count;
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

            if (!fetched && attempt == 0 && answer.FetchedAt < _invalidations.Latest)
            {
                // Joined a read that began before the latest change (or got its copy): read again, once.
                await cache.RemoveAsync(message.CacheKey, CancellationToken.None);
                continue;
            }

            if (!fetched)
            {
                _counters.Hit();
                PipelineLog.CacheHit(logger, TMessage.CacheName, message.CacheKey);
                return answer.At(timeProvider.GetUtcNow());
            }

            if (_invalidations.Count != clears)
            {
                // A change cleared the cache while this fetch read the store: what it read may predate the
                // change, yet HybridCache stores it as newer than the clearing. Drop it so the next read fetches.
                await cache.RemoveAsync(message.CacheKey, CancellationToken.None);
            }

            _counters.Miss();
            return answer.WithCacheStatus(CacheStatus.Miss);
        }
    }

    /// <summary>Runs the handler (through the database pipeline for a store query); what it returns is stored as a hit for the callers after this one.</summary>
    private async ValueTask<TResponse> FetchAsync(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, ActivityContext caller, CancellationToken cancellationToken)
    {
        // HybridCache runs the fetch outside the caller's execution context: the span names the
        // request's trace as its parent, so the retries and queries under it stay in that trace.
        using var span = LunarVocMetrics.ActivitySource.StartActivity("cache.fetch", ActivityKind.Internal, caller);
        span?.SetTag("cache", TMessage.CacheName);
        PipelineLog.CacheMiss(logger, TMessage.CacheName, message.CacheKey);

        var fresh = ReadsStore ? await FromStoreAsync(message, next, cancellationToken) : await next(message, cancellationToken);
        _counters.Fetched(fresh.FetchedAt);
        if (_updatedLog.ShouldWrite(out var occurrences))
        {
            PipelineLog.CacheUpdated(logger, UpdatedLevel, message.CacheKey, occurrences, fresh.FetchedAt);
        }

        return fresh.WithCacheStatus(CacheStatus.Hit);
    }

    private async ValueTask<TResponse> FromStoreAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.CacheNameKey, TMessage.CacheName);
        try
        {
            var fresh = await _database.ExecuteAsync(static (ctx, state) => state.Behavior.AttemptAsync(state.message, state.next, ctx.CancellationToken), context, (Behavior: this, message, next));
            outage.Answered();
            return fresh;
        }
        catch (BrokenCircuitException ex)
        {
            throw new DataSourceUnavailableException("The database failed moments ago; not trying again yet.", ex) { RetryAfter = ex.RetryAfter };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt, its own span, so retries show in the request's trace beside the queries they made.</summary>
    private async ValueTask<TResponse> AttemptAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var attempt = LunarVocMetrics.ActivitySource.StartActivity("db.read.attempt");
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DataSourceUnavailableException ex)
        {
            attempt?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _counters.Failed(timeProvider.GetUtcNow());
            throw;
        }
    }

    private static HybridCacheEntryOptions EntryOptions(TimeSpan ttl, CachingOptions options, bool shared) => new()
    {
        Expiration = ttl,
        LocalCacheExpiration = shared && options.LocalLifetime < ttl ? options.LocalLifetime : ttl,
    };
}
