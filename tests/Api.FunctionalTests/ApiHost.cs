using LunarVoc.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    public static Task TruncateAsync() => VocWindowTable.TruncateAsync(ConnectionString);

    public static Task<long> CountRowsAsync() => VocWindowTable.CountRowsAsync(ConnectionString);
}

public sealed class LunarVocApiFactory(FakeTimeProvider time, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ApiHost.ConnectionString);
        builder.UseSetting("Prefetch:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
    }
}
