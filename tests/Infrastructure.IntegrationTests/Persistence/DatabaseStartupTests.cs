using LunarVoc.Application.Common.Exceptions;
using LunarVoc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LunarVoc.Infrastructure.IntegrationTests.Persistence;

[TestFixture]
public sealed class DatabaseStartupTests
{
    [Test]
    public async Task Migrating_an_up_to_date_database_again_is_harmless()
    {
        await using var services = TestDatabase.BuildServices(TestDatabase.ConnectionString);

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schemaversions", connection);
        var scripts = typeof(DependencyInjection).Assembly.GetManifestResourceNames().Count(name => name.EndsWith(".sql", StringComparison.Ordinal));
        Assert.That(scripts, Is.GreaterThanOrEqualTo(2));
        Assert.That((long)(await command.ExecuteScalarAsync())!, Is.EqualTo(scripts));
    }

    [Test]
    public async Task Start_up_fails_with_a_clear_log_line_when_the_database_stays_unreachable()
    {
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["Database:StartupAttempts"] = "2",
            ["Database:StartupRetryDelaySeconds"] = "0",
            ["Database:ConnectTimeoutSeconds"] = "1",
        };
        await using var services = TestDatabase.BuildServices(
            $"Host=127.0.0.1;Port={TestDatabase.Cluster.Port + 1};Username=postgres;Database=none", settings, logs);
        var startup = services.GetServices<IHostedService>().Single(service => service.GetType().Name == "DatabaseStartup");

        var error = Assert.ThrowsAsync<DataSourceUnavailableException>(() => startup.StartAsync(CancellationToken.None));

        Assert.That(error!.InnerException, Is.InstanceOf<NpgsqlException>());

        Assert.That(logs.Entries, Has.Some.Matches<(LogLevel Level, string Message, string Category)>(e =>
            e.Level == LogLevel.Critical && e.Message.Contains("Refusing to start", StringComparison.Ordinal)
            && e.Message.Contains("after 2 attempts", StringComparison.Ordinal)));
    }
}
