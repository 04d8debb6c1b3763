using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Telemetry;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// When the database fails (after the retries), serves the last good answer marked stale, if it
/// is no older than the maximum staleness; otherwise the failure goes on to the caller. When a stale
/// answer exists, no caller waits longer than the soft timeout for a slow refresh: it gets the
/// stale answer, and the refresh completes in the background and fills the cache.
/// </summary>
public sealed class StaleFallbackBehavior<TMessage, TResponse>(
    LastGoodStore lastGood,
    CacheStatistics statistics,
    TimeProvider timeProvider,
    IOptions<CachingOptions> options,
    ILogger<StaleFallbackBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IStoreQuery<TResponse>
    where TResponse : class, ICacheableResponse<TResponse>
{
    // During an outage every request may be served stale or refused: log that once a minute, not per request.
    private readonly ThrottledLog _log = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ThrottledLog _refreshLog = new(timeProvider, TimeSpan.FromMinutes(1));

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var pending = next(message, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            // Already answered (a hit from memory): nothing to guard. Only a shortcut; an answer
            // that arrives later takes the path below, which is correct for hits and misses alike.
            return pending.Result;
        }

        var settings = options.Value;
        var stale = lastGood.Find<TResponse>(message.CacheKey, timeProvider.GetUtcNow(), settings.MaxStaleness);
        if (stale is null)
        {
            try
            {
                return await pending;
            }
            catch (DataSourceUnavailableException ex)
            {
                if (_log.ShouldWrite(out var occurrences))
                {
                    PipelineLog.NoFallback(logger, ex, TMessage.CacheName, occurrences);
                }

                throw;
            }
        }

        var refresh = pending.AsTask();
        try
        {
            var first = await Task.WhenAny(refresh, Task.Delay(settings.SoftTimeout, timeProvider, cancellationToken));
            if (first == refresh)
            {
                return await refresh;
            }
        }
        catch (DataSourceUnavailableException ex)
        {
            return Serve(TMessage.CacheName, stale, ex.Message);
        }

        _ = ObserveInBackground(TMessage.CacheName, refresh);
        return Serve(TMessage.CacheName, stale, "the refresh is slow");
    }

    private TResponse Serve(string cacheName, TResponse stale, string reason)
    {
        statistics.For(cacheName).ServedStale();
        if (_log.ShouldWrite(out var occurrences))
        {
            PipelineLog.StaleServed(logger, cacheName, occurrences, (timeProvider.GetUtcNow() - stale.FetchedAt).TotalSeconds, reason);
        }

        return stale;
    }

    private async Task ObserveInBackground(string cacheName, Task<TResponse> refresh)
    {
        try
        {
            await refresh;
        }
        catch (DataSourceUnavailableException ex)
        {
            if (_refreshLog.ShouldWrite(out _))
            {
                PipelineLog.BackgroundRefreshFailed(logger, cacheName, ex.Message);
            }
        }
        catch (OperationCanceledException)
        {
            // The caller went away; nothing to report.
        }
    }
}
