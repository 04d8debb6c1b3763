using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Resilience;
using Mediator;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// Retries a cached query's database read after transient failures (Polly pipeline
/// <see cref="DatabaseRetryPipeline"/>). It runs inside the cache's fetch, so one fetch per key retries,
/// not every waiting caller. After a failure for good, the outage throttle makes further
/// fetches fail fast for a short while. Every answer read becomes the last good one.
/// </summary>
public sealed class RetryBehavior<TMessage, TResponse>(
    ResiliencePipelineProvider<string> pipelines,
    LastGoodStore lastGood,
    OutageThrottle throttle,
    CacheStatistics statistics,
    TimeProvider timeProvider,
    IOptions<CachingOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IStoreQuery<TResponse>
    where TResponse : ICacheableResponse<TResponse>
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(DatabaseRetryPipeline.Name);

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var window = options.Value.OutageThrottle;
        if (throttle.IsOpen(window, out var remaining))
        {
            throw new DataSourceUnavailableException("The database failed moments ago; not retrying yet.")
            {
                RetryAfter = remaining,
            };
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DatabaseRetryPipeline.CacheNameKey, TMessage.CacheName);
        try
        {
            var answer = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Behavior.AttemptAsync(state.Message, state.Next, ctx.CancellationToken),
                context,
                (Behavior: this, Message: message, Next: next));
            throttle.RecordSuccess();
            lastGood.Remember(message.CacheKey, answer); // the stale fallback's, should the store fail later
            return answer;
        }
        catch (DataSourceUnavailableException)
        {
            throttle.RecordFailure(window);
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throttle.RecordFailure(window);
            throw new DataSourceUnavailableException("The window store did not answer within the database budget.", isTransient: false, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<TResponse> AttemptAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // One span per attempt, so retries show in the request's trace beside the queries they made.
        using var attempt = LunarVocMetrics.ActivitySource.StartActivity("db.read.attempt");
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DataSourceUnavailableException ex)
        {
            attempt?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            statistics.For(TMessage.CacheName).Failed(timeProvider.GetUtcNow());
            throw;
        }
    }
}
