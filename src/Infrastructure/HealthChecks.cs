using LunarVoc.Infrastructure.Caching;
using LunarVoc.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LunarVoc.Infrastructure;

/// <summary>
/// Readiness: PostgreSQL answering with the service's table in place (unhealthy otherwise), and
/// Redis when configured (degraded otherwise: the service still answers from memory and
/// PostgreSQL without it). Descriptions are fixed phrases: readiness is public, so it names no
/// hosts, ports or versions.
/// </summary>
public static class HealthChecks
{
    public static IServiceCollection AddLunarVocHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("postgresql")
            .AddCheck<ChangeFeedHealthCheck>("change-notifications", failureStatus: HealthStatus.Degraded);

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            checks.AddCheck<SharedCacheHealthCheck>("redis", failureStatus: HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(2));
        }

        return services;
    }

    /// <summary>Reads the table, within 3 s: through <see cref="DatabaseCalls"/>, so a frozen server cannot hold the check longer.</summary>
    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, DatabaseCalls calls) : IHealthCheck
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await calls.RunAsync(
                    async token =>
                    {
                        await using var command = dataSource.CreateCommand("SELECT 1 FROM voc_windows LIMIT 1");
                        return await command.ExecuteScalarAsync(token);
                    },
                    cancellationToken,
                    Budget);
                return HealthCheckResult.Healthy("The window store answers.");
            }
            catch (DataSourceUnavailableException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The window store does not answer, or its schema is missing.");
            }
        }
    }

    /// <summary>Degraded while changes made on other instances reach this one only within the local lifetime.</summary>
    private sealed class ChangeFeedHealthCheck(WindowChangeListener listener) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            Task.FromResult(listener.IsListening
                ? HealthCheckResult.Healthy("listening")
                : HealthCheckResult.Degraded("not listening; changes from other instances arrive within the local lifetime"));
    }

    private sealed class SharedCacheHealthCheck(GuardedDistributedCache cache) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            await cache.ProbeAsync(cancellationToken) && !cache.FailedRecently
                ? HealthCheckResult.Healthy("The shared cache answers.")
                : new HealthCheckResult(context.Registration.FailureStatus, "The shared cache failed recently; instances may lag each other beyond the local lifetime.");
    }
}
