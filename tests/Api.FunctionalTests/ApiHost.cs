using LunarVoc.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LunarVoc.Api.FunctionalTests;

/// <summary>The real API over a real PostgreSQL cluster owned by this test assembly; the clock is fake.</summary>
[SetUpFixture]
public sealed class ApiHost
{
    public static PostgresCluster Cluster { get; private set; } = null!;

    public static string ConnectionString { get; private set; } = null!;

    [OneTimeSetUp]
    public void Start()
    {
        Cluster = PostgresCluster.Start();
        ConnectionString = Cluster.CreateDatabase("lunarvoc_api");
    }

    [OneTimeTearDown]
    public void Stop() => Cluster.Dispose();

    public static async Task TruncateAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("TRUNCATE voc_windows RESTART IDENTITY", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM voc_windows", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class LunarVocApiFactory(FakeTimeProvider time, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ApiHost.ConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
    }
}
