using LunarVoc.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests;

/// <summary>The real API over a real PostgreSQL cluster owned by this test assembly; the clock is fake.</summary>
[SetUpFixture]
public sealed class ApiHost
{
    public static PostgresCluster Cluster { get; private set; } = null!;

    public static string ConnectionString { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Cluster = PostgresCluster.Start();
        ConnectionString = Cluster.CreateDatabase("lunarvoc_api");
        // A host migrates the database as it starts: tests that only touch the table then find it, in any order.
        await using var host = new LunarVocApiFactory(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var _ = host.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop() => Cluster.Dispose();

    public static Task TruncateAsync() => VocWindowTable.TruncateAsync(ConnectionString);

    public static Task<long> CountRowsAsync() => VocWindowTable.CountRowsAsync(ConnectionString);
}

public sealed class LunarVocApiFactory(FakeTimeProvider time, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Every log line the host writes, for tests of what an operator reads.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The API key the test clients write with, and its SHA-256 as configured.</summary>
    public const string WriterKey = "test-writer-key";
    public const string WriterKeyHash = "61fb44fd7a10316d790cd0fe37044ed02bf2df77f3a0fec7789b72fb452da6ac";

    /// <summary>A client that sends the writer key, as a provider would.</summary>
    public HttpClient CreateWriterClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", WriterKey);
        return client;
    }

    /// <summary>
    /// Sends while moving the fake clock on in 100 ms steps, so retry delays and timeouts inside the
    /// service elapse; the short real-time poll only waits for the database's I/O, never for time to pass.
    /// </summary>
    public async Task<HttpResponseMessage> SendAdvancing(Func<Task<HttpResponseMessage>> send)
    {
        var pending = send();
        for (var i = 0; i < 3_000 && !pending.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(pending, Task.Delay(10));
        }

        return await pending;
    }

    /// <summary>
    /// Stops the host while its clock moves on. On a real clock, work still in flight at shutdown (a
    /// retry's back-off, a refresh left running in the background) finishes while the host stops, and
    /// the resilience pipelines wait for it; on a clock that stands still they would wait for ever.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        var disposing = Task.Run(async () => await base.DisposeAsync());
        for (var i = 0; i < 3_000 && !disposing.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(disposing, Task.Delay(10));
        }

        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ApiHost.ConnectionString);
        builder.UseSetting("Prefetch:Enabled", "false");
        builder.UseSetting("Auth:ApiKeys:0", WriterKeyHash);
        builder.UseSetting("RateLimiting:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            if (ResponseRecorder.Enabled)
            {
                services.AddSingleton<IStartupFilter, ResponseRecorder>();
            }
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
