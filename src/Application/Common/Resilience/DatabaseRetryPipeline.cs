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
/// The Polly pipeline around database reads: retries of transient failures only, with our backoff,
/// all inside the request's database budget (the timeout is outermost, so it bounds the retries too).
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
        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            // Validation errors, conflicts and bugs never reach here as this exception; a non-transient
            // store failure (e.g. bad credentials) will not heal by retrying.
            ShouldHandle = new PredicateBuilder().Handle<DataSourceUnavailableException>(ex => ex.IsTransient),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryBackoff.Delay(args.AttemptNumber, options, random.NextDouble())),
            OnRetry = args =>
            {
                var cache = args.Context.Properties.GetValue(CacheNameKey, "unknown");
                statistics.For(cache).Retried();
                LogRetrying(logger, cache, args.Outcome.Exception?.InnerException?.Message ?? args.Outcome.Exception?.Message, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cache}: database error ({Reason}), retry {Retry}/{MaxRetries} in {DelaySeconds:0.00}s")]
    private static partial void LogRetrying(ILogger logger, string cache, string? reason, int retry, int maxRetries, double delaySeconds);
}
