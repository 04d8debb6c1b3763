using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.DependencyInjection;
using Polly.Retry;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>The pipelines of the connections that stay open and the loops that run all along: the shared cache (Redis); listening, scheduling and delivering.</summary>
public static partial class ResiliencePipelines
{
    /// <summary>
    /// After a Redis call fails, Redis is skipped for a few seconds, so a slow or dead Redis costs a request
    /// one timeout: any failure opens the breaker once the window has seen two calls (Polly's least).
    /// </summary>
    private static void ConfigureSharedCache(ResiliencePipelineBuilder builder, AddResiliencePipelineContext<string> context) =>
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            FailureRatio = 1e-9,
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(5),
        });

    /// <summary>
    /// A background loop that failed (the change listener's lost connection, a webhook scheduling or
    /// delivery round that could not reach the database) tries again after 50 ms, then after waits
    /// doubling to at most half a second, for as long as the service runs — so each resumes within a
    /// second of the database answering again. One throttled log line for all of them.
    /// </summary>
    private static void ConfigureResume(ResiliencePipelineBuilder builder, AddResiliencePipelineContext<string> context)
    {
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ResiliencePipelines));
        var log = new ThrottledLog(context.ServiceProvider.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(1));
        builder.AddRetry(new RetryStrategyOptions
        {
            // Anything but the service stopping: a cancellation from elsewhere (a timeout inside a round)
            // must not end a loop, for a loop that ends stops the host.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromMilliseconds(500),
            OnRetry = args =>
            {
                if (log.ShouldWrite(out var occurrences))
                {
                    LogResuming(logger, occurrences, args.Outcome.Exception?.Message ?? "ended", args.RetryDelay.TotalSeconds);
                }

                return ValueTask.CompletedTask;
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background work failed ({Occurrences} times since the last report): {Reason}; trying again in {DelaySeconds:0.00}s")]
    private static partial void LogResuming(ILogger logger, long occurrences, string reason, double delaySeconds);
}
