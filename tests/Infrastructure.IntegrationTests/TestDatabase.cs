using LunarVoc.Application;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LunarVoc.Infrastructure.IntegrationTests;

/// <summary>One PostgreSQL cluster for this assembly, with a migrated database.</summary>
[SetUpFixture]
public sealed class TestDatabase
{
    public static PostgresCluster Cluster { get; private set; } = null!;

    public static string ConnectionString { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Cluster = PostgresCluster.Start();
        ConnectionString = Cluster.CreateDatabase("lunarvoc_infrastructure");
        await using var services = BuildServices(ConnectionString);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    [OneTimeTearDown]
    public void Stop() => Cluster.Dispose();

    public static ServiceProvider BuildServices(string connectionString, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = connectionString,
                ["Prefetch:Enabled"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging(builder =>
            {
                if (logs is not null)
                {
                    builder.AddProvider(logs);
                }
            })
            .AddSingleton(TimeProvider.System);
        services.AddApplication(configuration).AddInfrastructure(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static Task TruncateAsync() => VocWindowTable.TruncateAsync(ConnectionString);

    public static Task<long> CountRowsAsync() => VocWindowTable.CountRowsAsync(ConnectionString);
}
