using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using LunarVoc.Application.Common;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.Registry;
using StackExchange.Redis;

namespace LunarVoc.Infrastructure.Caching;

/// <summary>How long a Redis call may take before the service goes on without it.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    [Range(50, 30_000)]
    public int TimeoutMilliseconds { get; set; } = 500;
}

/// <summary>
/// Redis as HybridCache's second level when <c>ConnectionStrings:Redis</c> is set. Timeouts are
/// short and a lost connection is not fatal: without Redis the service answers from its own memory
/// and PostgreSQL, and reconnects by itself. Every call goes through <see cref="GuardedDistributedCache"/>.
/// </summary>
internal static class RedisCache
{
    public static IServiceCollection AddRedisSecondLevel(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddValidatedOptions<RedisOptions>(configuration, RedisOptions.SectionName);
        services.AddSingleton(provider => new GuardedDistributedCache(
            new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(Options.Create(new RedisCacheOptions
            {
                ConfigurationOptions = Connection(connectionString, provider.GetRequiredService<IOptions<RedisOptions>>().Value.TimeoutMilliseconds),
                InstanceName = "lunarvoc:",
            })),
            provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(ResiliencePipelines.SharedCache),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IMeterFactory>(),
            provider.GetRequiredService<ILogger<GuardedDistributedCache>>()));
        services.AddSingleton<IDistributedCache>(provider => provider.GetRequiredService<GuardedDistributedCache>());
        return services;
    }

    private static ConfigurationOptions Connection(string connectionString, int timeoutMilliseconds)
    {
        var redis = ConfigurationOptions.Parse(connectionString);
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = timeoutMilliseconds;
        redis.SyncTimeout = timeoutMilliseconds;
        redis.AsyncTimeout = timeoutMilliseconds;
        redis.ConnectRetry = 1;
        // Timeouts are checked on the heartbeat (every second by default): check often enough that a
        // timeout means the configured time, not up to a second more.
        redis.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(50, timeoutMilliseconds / 5)));
        return redis;
    }
}
