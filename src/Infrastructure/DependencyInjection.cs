using Dapper;
using LunarVoc.Application.Common;
using LunarVoc.Application.Common.Locking;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.VocWindows;
using LunarVoc.Infrastructure.Caching;
using LunarVoc.Infrastructure.Ephemeris;
using LunarVoc.Infrastructure.Persistence;
using LunarVoc.Infrastructure.Prefetch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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
            builder.ConnectionStringBuilder.CommandTimeout = settings.CommandTimeoutSeconds;
            // A cancelled statement is given up at once rather than after waiting for a frozen server to acknowledge it.
            builder.ConnectionStringBuilder.CancellationTimeout = -1;
            builder.Name = "lunarvoc";
            builder.UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });

        services.AddSingleton<DatabaseCalls>();
        services.AddSingleton<IVocWindowRepository, VocWindowRepository>();
        services.AddSingleton<IExclusiveLock, AdvisoryLock>();
        services.AddSingleton<IVocCalculator, VocCalculator>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddRedisSecondLevel(configuration);
        services.AddLunarVocHealthChecks(configuration);
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<VocPrefetchService>();

        return services;
    }
}
