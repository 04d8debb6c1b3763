using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.DependencyInjection;
using Polly.Retry;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// How this service retries the database, the one place that builds a retry: store reads (the
/// pipeline named <see cref="Name"/>: transient failures only, with our backoff, all inside the
/// request's database budget — the timeout is outermost, so it bounds the retries too) and the wait
/// for the database at start-up (<see cref="AddDatabaseRetry"/> with its own attempts and delay).
/// </summary>
public static partial class DatabaseRetryPipeline
{
    public const string Name = "database-read";

    /// <summary>Carries the cache name into the pipeline, for the retry log line and counters.</summary>
    public static readonly ResiliencePropertyKey<string> CacheNameKey = new("lunarvoc.cache");

    public static void Configure(ResiliencePipelineBuilder builder, AddResiliencePipelineContext<string> context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<RetryOptions>>().Value;
        var random = services.GetRequiredService<Random>();
        var statistics = services.GetRequiredService<CacheStatistics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseRetryPipeline));

        builder.AddTimeout(options.Budget);
        // Validation errors, conflicts and bugs never reach here as this exception; a non-transient
        // store failure (e.g. bad credentials) will not heal by retrying.
        builder.AddDatabaseRetry(
            options.MaxRetries,
            retry => RetryBackoff.Delay(retry, options, random.NextDouble()),
            failure => failure.IsTransient,
            (retry, failure, delay, context) =>
            {
                var cache = context.Properties.GetValue(CacheNameKey, "unknown");
                statistics.For(cache).Retried();
                LogRetrying(logger, cache, failure.InnerException?.Message ?? failure.Message, retry + 1, options.MaxRetries, delay.TotalSeconds);
            });
    }

    /// <summary>Retries a call that failed with <see cref="DataSourceUnavailableException"/>.</summary>
    /// <param name="builder">The pipeline to add the retry to.</param>
    /// <param name="maxRetries">Retries after the first attempt.</param>
    /// <param name="delay">The wait before a retry, by its 0-based number.</param>
    /// <param name="shouldRetry">Whether this failure is worth another attempt.</param>
    /// <param name="onRetry">Told of each retry: its 0-based number, the failure, the delay and the call's context.</param>
    public static ResiliencePipelineBuilder AddDatabaseRetry(
        this ResiliencePipelineBuilder builder,
        int maxRetries,
        Func<int, TimeSpan> delay,
        Func<DataSourceUnavailableException, bool> shouldRetry,
        Action<int, DataSourceUnavailableException, TimeSpan, ResilienceContext> onRetry) =>
        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            ShouldHandle = new PredicateBuilder().Handle(shouldRetry),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(delay(args.AttemptNumber)),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is DataSourceUnavailableException failure)
                {
                    onRetry(args.AttemptNumber, failure, args.RetryDelay, args.Context);
                }

                return ValueTask.CompletedTask;
            },
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cache}: database error ({Reason}), retry {Retry}/{MaxRetries} in {DelaySeconds:0.00}s")]
    private static partial void LogRetrying(ILogger logger, string cache, string? reason, int retry, int maxRetries, double delaySeconds);
}
