using FluentValidation;
using LunarVoc.Application.Common;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<CacheInvalidations>();
        services.AddSingleton<WindowChanges>();
        services.AddSingleton<WindowChangeEffects>();
        services.AddSingleton<Moon.GetMoon.MoonReports>();
        services.AddSingleton<Webhooks.WebhookSubscriptionChanges>();
        services.AddLunarVocResilience();

        // Mediator's pipeline is built once per message type (singleton), so validators must be singletons too.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        // Messages name fields as clients write them (lead_minutes), not as C# does ('Lead Minutes').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            // First listed is outermost; each applies only to the messages its constraint names.
            // Validation (IValidated): nothing invalid reaches a cache or the store. Caching (ICachedQuery;
            // store reads, IStoreQuery: retries and breaker inside the fetch, the last good answer around it).
            // Invalidation (IInvalidatesCache) after a write succeeded.
            options.PipelineBehaviors =
            [
                typeof(ValidationBehavior<,>),
                typeof(CachingBehavior<,>),
                typeof(CacheInvalidationBehavior<,>),
            ];
        });

        return services;
    }
}
