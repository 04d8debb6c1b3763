using System.Diagnostics;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Resilience;
using LunarVoc.Application.Common.Telemetry;
using Mediator;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// Answers a cached query from HybridCache, which runs one fetch per key however many callers miss at
/// once. A query read from the store (<see cref="IStoreQuery{TResponse}"/>) fetches through the
/// database pipeline (retries, outage breaker: <see cref="ResiliencePipelines"/>), and when that fails
/// — or is slow while an earlier answer exists — the last good answer is served, marked stale.
/// </summary>
public sealed class CachingBehavior<TMessage, TResponse>(
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
    private readonly TagStamp[] _stamps = [.. TMessage.Tags.Select(invalidations.For)];
    private readonly CacheCounters _counters = statistics.For(TMessage.CacheName);
    private readonly ResiliencePipeline _database = pipelines.GetPipeline(ResiliencePipelines.DatabaseRead);

    // During an outage every request may be served stale or refused: a line a minute, not a line a request.
    private readonly ThrottledLog _staleLog = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ThrottledLog _updatedLog = new(timeProvider, TimeSpan.FromMinutes(1));

    // Store queries take no parameters: one last good answer per query type.
    private LastGood? _lastGood;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var pending = ReadThroughAsync(message, next, cancellationToken);
        if (!ReadsStore)
        {
            return await pending;
        }

        if (pending.IsCompletedSuccessfully)
        {
            // A hit from memory: nothing to guard, only to remember.
            return Remember(message.CacheKey, pending.Result);
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var stale = _lastGood is { } last && last.Key == message.CacheKey && now - last.Answer.FetchedAt <= settings.MaxStaleness ? last : null;
        var refresh = pending.AsTask();
        try
        {
            if (stale is null)
            {
                return Remember(message.CacheKey, await refresh);
            }

            var first = await Task.WhenAny(refresh, Task.Delay(settings.SoftTimeout, timeProvider, cancellationToken));
            if (first == refresh)
            {
                return Remember(message.CacheKey, await refresh);
            }

            // The refresh goes on for the callers after this one; its failure is observed here.
            _ = refresh.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested(); // the caller left: no answer, stale or not
        }
        catch (DataSourceUnavailableException ex)
        {
            if (stale is null)
            {
                if (_staleLog.ShouldWrite(out var occurrences))
                {
                    PipelineLog.NoFallback(logger, ex, TMessage.CacheName, occurrences);
                }

                throw;
            }

            return Serve(stale.Answer, ex.Message);
        }

        return Serve(stale.Answer, "the refresh is slow");
    }

    private async ValueTask<TResponse> ReadThroughAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fetched = false;
            var clears = Invalidations();
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

            if (!fetched && attempt == 0 && answer.FetchedAt < LatestInvalidation())
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

            if (Invalidations() != clears)
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
        PipelineLog.CacheMiss(logger, message.CacheKey);

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
            var fresh = await _database.ExecuteAsync(
                static async (ctx, state) =>
                {
                    // One span per attempt, so retries show in the request's trace beside the queries they made.
                    using var attempt = LunarVocMetrics.ActivitySource.StartActivity("db.read.attempt");
                    try
                    {
                        return await state.next(state.message, ctx.CancellationToken);
                    }
                    catch (DataSourceUnavailableException ex)
                    {
                        attempt?.SetStatus(ActivityStatusCode.Error, ex.Message);
                        state.Behavior.AttemptFailed();
                        throw;
                    }
                },
                context,
                (Behavior: this, message, next));
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

    private long Invalidations()
    {
        var count = 0L;
        foreach (var stamp in _stamps)
        {
            count += stamp.Count;
        }

        return count;
    }

    private DateTimeOffset LatestInvalidation()
    {
        var latest = DateTimeOffset.MinValue;
        foreach (var stamp in _stamps)
        {
            latest = stamp.Latest > latest ? stamp.Latest : latest;
        }

        return latest;
    }

    private void AttemptFailed() => _counters.Failed(timeProvider.GetUtcNow());

    /// <summary>Keeps the answer as the last good one unless a newer one is kept already.</summary>
    private TResponse Remember(string key, TResponse answer)
    {
        while (answer.CacheStatus != CacheStatus.Stale)
        {
            var last = Volatile.Read(ref _lastGood);
            if (last is not null && last.Key == key && last.Answer.FetchedAt >= answer.FetchedAt)
            {
                break;
            }

            if (Interlocked.CompareExchange(ref _lastGood, new LastGood(key, answer.WithCacheStatus(CacheStatus.Stale)), last) == last)
            {
                break;
            }
        }

        return answer;
    }

    private TResponse Serve(TResponse stale, string reason)
    {
        _counters.ServedStale();
        outage.ServedStale();
        var now = timeProvider.GetUtcNow();
        if (_staleLog.ShouldWrite(out var occurrences))
        {
            PipelineLog.StaleServed(logger, TMessage.CacheName, occurrences, (now - stale.FetchedAt).TotalSeconds, reason);
        }

        return stale.At(now);
    }

    private static HybridCacheEntryOptions EntryOptions(TimeSpan ttl, CachingOptions options, bool shared) => new()
    {
        Expiration = ttl,
        LocalCacheExpiration = shared && options.LocalLifetime < ttl ? options.LocalLifetime : ttl,
    };

    /// <summary>The last answer read, already marked stale.</summary>
    private sealed record LastGood(string Key, TResponse Answer);
}
