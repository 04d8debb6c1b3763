using FluentValidation;
using LunarVoc.Application.Common;
using LunarVoc.Application.Common.Behaviors;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Resilience;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace LunarVoc.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);

        services.AddValidatedOptions<CachingOptions>(configuration, CachingOptions.SectionName);
        services.AddValidatedOptions<VocQueryOptions>(configuration, VocQueryOptions.SectionName);
        services.AddValidatedOptions<RetryOptions>(configuration, RetryOptions.SectionName);
        services.AddValidatedOptions<PrefetchOptions>(configuration, PrefetchOptions.SectionName);

        services.AddSingleton<CacheStatistics>();
        services.AddSingleton<CachedQueries>();
        services.AddMetrics();
        services.AddSingleton<LunarVocMetrics>();
        services.AddSingleton<LastGoodStore>();
        services.AddSingleton<LunarVoc.Application.VocWindows.Changes.WindowChanges>();
        services.AddSingleton<OutageThrottle>();
        services.AddResiliencePipeline(DatabaseRetryPipeline.Name, DatabaseRetryPipeline.Configure);

        // Mediator's pipeline is built once per message type (singleton), so validators must be singletons too.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            // First listed is outermost. Validation first: nothing invalid reaches a cache or the store.
            // Stale fallback (store queries) wraps the cache, so it sees a failed fetch after its retries
            // and can also stop waiting for a slow one. Retry (store queries) sits inside the cache's
            // fetch: one retry loop per key, however many callers wait on it. Invalidation runs after
            // a write has succeeded.
            options.PipelineBehaviors =
            [
                typeof(ValidationBehavior<,>),
                typeof(StaleFallbackBehavior<,>),
                typeof(CachingBehavior<,>),
                typeof(RetryBehavior<,>),
                typeof(CacheInvalidationBehavior<,>),
            ];
        });

        return services;
    }
}
