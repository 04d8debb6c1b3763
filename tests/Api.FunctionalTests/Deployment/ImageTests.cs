using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LunarVoc.TestSupport;
using Npgsql;

namespace LunarVoc.Api.FunctionalTests.Deployment;

/// <summary>The OCI image scripts/build-image.sh builds, run by podman against the test's PostgreSQL.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ImageTests
{
    private const string Image = "localhost/lunarvoc:latest";
    private static readonly DateTimeOffset Start = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [OneTimeSetUp]
    public void BuildImage() => Podman.EnsureImagesBuilt();

    [Test]
    public async Task It_serves_status_and_health_as_a_non_root_user_on_a_read_only_root()
    {
        await using var container = await ImageContainer.StartAsync("lunarvoc-test-image", ApiHost.Cluster.CreateDatabase("lunarvoc_image"));
        using var client = container.CreateClient();

        using var status = await client.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var user = Podman.Run("top", container.Name, "huser").Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        var readOnly = Podman.Run("inspect", container.Name, "--format", "{{.HostConfig.ReadonlyRootfs}}").Trim();
        var writesToRoot = Podman.ExitCodeOf("exec", container.Name, "touch", "/app/written");
        var probe = Podman.ExitCodeOf("exec", container.Name, "/app/LunarVoc.Api", "--health-check");
        var labels = Podman.Run("image", "inspect", Image, "--format",
            "{{index .Labels \"org.opencontainers.image.version\"}} {{index .Labels \"org.opencontainers.image.revision\"}}").Trim().Split(' ');
        var port = Podman.Run("image", "inspect", Image, "--format", "{{range $port, $_ := .Config.ExposedPorts}}{{$port}}{{end}}").Trim();

        Assert.Multiple(() =>
        {
            Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(user, Is.EqualTo("1654"), "the process's user on the host");
            Assert.That(readOnly, Is.EqualTo("true"));
            Assert.That(writesToRoot, Is.Not.Zero, "the root file system refuses writes");
            Assert.That(probe, Is.Zero, "the health check a container runtime runs");
            Assert.That(labels[0], Does.Match(@"^\d+\.\d+\.\d+"), "org.opencontainers.image.version");
            Assert.That(labels[1], Does.Match("^[0-9a-f]{40}$"), "org.opencontainers.image.revision");
            Assert.That(port, Is.EqualTo("8080/tcp"));
        });
    }

    [Test]
    public async Task On_SIGTERM_it_stops_within_the_shutdown_budget_and_loses_no_acknowledged_write()
    {
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_image_stop");
        await using var container = await ImageContainer.StartAsync("lunarvoc-test-image-stop", database);
        using var writer = container.CreateClient(writer: true);
        var acknowledged = new ConcurrentBag<DateTimeOffset>();
        var next = -1;
        using var stop = new CancellationTokenSource();
        var lanes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var window = new { start_at = IsoText.Of(Start.AddHours(i)), end_at = IsoText.Of(Start.AddHours(i + 0.5)), source = "image" };
                try
                {
                    using var response = await writer.PostAsJsonAsync("/api/lunar/voc", window);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(Start.AddHours(i));
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the service is gone: what it acknowledged is what counts
                }
            }
        })).ToList();
        await Waiting.UntilAsync(() => Task.FromResult(acknowledged.Count), count => count >= 20);

        var clock = Stopwatch.StartNew();
        Podman.Run("kill", "--signal", "TERM", container.Name);
        var exitCode = int.Parse(Podman.Run("wait", container.Name).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var stoppedIn = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(lanes);

        var stored = await StoredStartsAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(exitCode, Is.Zero);
            Assert.That(stoppedIn, Is.LessThan(TimeSpan.FromSeconds(30)), "the host's shutdown budget");
            Assert.That(acknowledged.Except(stored), Is.Empty, "acknowledged writes missing from the store");
        });
    }

    private static async Task<HashSet<DateTimeOffset>> StoredStartsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT start_at FROM voc_windows WHERE source = 'image'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var starts = new HashSet<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            starts.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        }

        return starts;
    }

    /// <summary>The image run detached on the host's network, read-only, as a platform runs it.</summary>
    private sealed class ImageContainer(string name, Uri address) : IAsyncDisposable
    {
        public string Name => name;

        public static async Task<ImageContainer> StartAsync(string name, string database)
        {
            Podman.RemoveContainer(name);
            var port = LoopbackPorts.Free();
            Podman.Run(
                "run", "-d", "--name", name, "--network", "host", "--read-only",
                "-e", $"ASPNETCORE_HTTP_PORTS={port}",
                "-e", $"ConnectionStrings__Postgres={database}",
                "-e", $"Auth__ApiKeys__0={LunarVocApiFactory.WriterKeyHash}",
                "-e", "RateLimiting__Enabled=false",
                "-e", "Prefetch__Enabled=false",
                Image);
            var container = new ImageContainer(name, new Uri($"http://127.0.0.1:{port}"));
            using var client = container.CreateClient();
            var ready = await Deployed.ReadyAsync(client, TimeSpan.FromSeconds(90));
            Assert.That(ready, Is.True, () => Podman.Run("logs", name));
            return container;
        }

        public HttpClient CreateClient(bool writer = false)
        {
            var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            if (writer)
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", LunarVocApiFactory.WriterKey);
            }

            return client;
        }

        public ValueTask DisposeAsync()
        {
            Podman.RemoveContainer(name);
            return ValueTask.CompletedTask;
        }
    }
}
