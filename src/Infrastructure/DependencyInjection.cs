using LunarVoc.Application.Common;
using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.Webhooks;
using LunarVoc.Infrastructure.Caching;
using LunarVoc.Infrastructure.Ephemeris;
using LunarVoc.Infrastructure.Persistence;
using LunarVoc.Infrastructure.Prefetch;
using LunarVoc.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LunarVoc.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName)
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Postgres") ?? string.Empty);

        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
            builder.ConnectionStringBuilder.Timeout = settings.ConnectTimeoutSeconds;
            // Statements are bounded by the request's database budget (DatabaseCalls), not by Npgsql: on its
            // own timeout Npgsql sends the server a cancel request and waits for the answer on a blocked
            // thread-pool thread, which a frozen server never gives, and a few of those starve every request.
            builder.ConnectionStringBuilder.CommandTimeout = 0;
            // A server that is gone for good (no reset ever comes) is noticed by TCP keepalives.
            builder.ConnectionStringBuilder.TcpKeepAlive = true;
            builder.ConnectionStringBuilder.TcpKeepAliveTime = 30;
            builder.ConnectionStringBuilder.TcpKeepAliveInterval = 5;
            builder.Name = "lunarvoc";
            builder.UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });

        services.AddSingleton<DatabaseCalls>();
        services.AddSingleton<IVocWindowRepository, VocWindowRepository>();
        services.AddSingleton<AdvisoryLock>();
        services.AddSingleton<IExclusiveLock>(provider => provider.GetRequiredService<AdvisoryLock>());
        services.AddSingleton<IEphemeris, BuiltInEphemeris>();
        services.AddSingleton<DatabaseMigrator>();
        // The cache behind the caching behavior: HybridCache, with Redis as its second level where configured.
        services.AddHybridCache();
        InjectedClock.Register(services);
        services.AddRedisSecondLevel(configuration);
        services.AddLunarVocHealthChecks(configuration);
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<VocPrefetchService>();
        services.AddSingleton<WindowChangeFeed>();
        services.AddSingleton<IWindowChangeFeed>(provider => provider.GetRequiredService<WindowChangeFeed>());
        services.AddSingleton<WindowChangeListener>();
        services.AddHostedService(provider => provider.GetRequiredService<WindowChangeListener>());

        services.AddValidatedOptions<WebhookOptions>(configuration, WebhookOptions.SectionName);
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<IWebhookStore>(provider => provider.GetRequiredService<WebhookStore>());
        services.AddSingleton<WebhookTargetCheck>();
        services.AddSingleton<IWebhookTargetCheck>(provider => provider.GetRequiredService<WebhookTargetCheck>());
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IWebhookDeliveries>(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService<WebhookScheduler>();

        return services;
    }
}
