using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace LunarVoc.Infrastructure;

/// <summary>
/// Readiness: PostgreSQL reachable (unhealthy otherwise), and Redis when configured (degraded
/// otherwise: the service still answers from memory and PostgreSQL without it).
/// </summary>
public static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddLunarVocHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddNpgSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), name: "postgresql", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            checks.AddRedis($"{redis},abortConnect=false,connectTimeout=1000", name: "redis", failureStatus: HealthStatus.Degraded, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2));
        }

        return services;
    }
}
