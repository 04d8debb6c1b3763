using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.DependencyInjection;
using Polly.Retry;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// Every retry, breaker and reconnection wait of the service, built by this class with Polly and
/// nowhere else: store reads (retry of transient failures, and the database outage breaker) and the
/// wait for the database at start-up (<see cref="AddDatabaseRetry"/>) here; the shared cache and
/// the background loops (listening for changes, webhook scheduling and delivery) in <c>ResiliencePipelines.Connections.cs</c>.
/// </summary>
public static partial class ResiliencePipelines
{
    public const string DatabaseRead = "database-read";
    public const string SharedCache = "shared-cache";
    public const string Resume = "resume";

    /// <summary>Carries the cache name into the pipeline, for the retry log line and counters.</summary>
    public static readonly ResiliencePropertyKey<string> CacheNameKey = new("lunarvoc.cache");

    public static IServiceCollection AddLunarVocResilience(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseOutage>();
        services.AddResiliencePipeline(DatabaseRead, ConfigureDatabaseRead);
        services.AddResiliencePipeline(SharedCache, ConfigureSharedCache);
        services.AddResiliencePipeline(Resume, ConfigureResume);
        return services;
    }

    /// <summary>The outage breaker (<see cref="DatabaseOutage"/>) outside the retry of transient failures.</summary>
    private static void ConfigureDatabaseRead(ResiliencePipelineBuilder builder, AddResiliencePipelineContext<string> context)
    {
        var services = context.ServiceProvider;
        var retry = services.GetRequiredService<IOptions<RetryOptions>>().Value;
        var caching = services.GetRequiredService<IOptions<CachingOptions>>().Value;
        var random = services.GetRequiredService<Random>();
        var statistics = services.GetRequiredService<CacheStatistics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ResiliencePipelines));
        var retryLog = new ThrottledLog(services.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(1));

        if (caching.OutageBreak > TimeSpan.Zero)
        {
            services.GetRequiredService<DatabaseOutage>().AddTo(builder, caching.OutageBreak);
        }

        // Validation errors, conflicts and bugs never reach here as this exception; a non-transient
        // store failure (bad credentials, the budget spent) will not heal by retrying.
        builder.AddDatabaseRetry(
            retry.MaxRetries,
            attempt => RetryBackoff.Delay(attempt, retry, random.NextDouble()),
            failure => failure.IsTransient,
            (attempt, failure, delay, ctx) =>
            {
                var cache = ctx.Properties.GetValue(CacheNameKey, "unknown");
                statistics.For(cache).Retried();
                if (retryLog.ShouldWrite(out var occurrences))
                {
                    LogRetrying(logger, occurrences, cache, failure.InnerException?.Message ?? failure.Message, attempt + 1, retry.MaxRetries, delay.TotalSeconds);
                }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Occurrences} database reads retried since the last report; latest {Cache}: database error ({Reason}), retry {Retry}/{MaxRetries} in {DelaySeconds:0.00}s")]
    private static partial void LogRetrying(ILogger logger, long occurrences, string cache, string? reason, int retry, int maxRetries, double delaySeconds);
}
