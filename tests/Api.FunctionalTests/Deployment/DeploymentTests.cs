using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Streams;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Deployment;

/// <summary>
/// deploy/compose.yaml started by scripts/deploy.sh as a user starts it: two instances behind nginx,
/// PostgreSQL and Redis, on ports and a network of the test's own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DeploymentTests
{
    private const string Project = "lunarvoc-test";
    private readonly Dictionary<string, string> _environment = new()
    {
        ["LUNARVOC_PROJECT"] = Project,
        ["LUNARVOC_SUBNET"] = "10.89.177.0/24",
        ["LUNARVOC_READS_PER_MINUTE"] = "100000", // one test client reads here as fast as it can
    };

    private Uri _proxy = null!;
    private Uri _api1 = null!;
    private Uri _api2 = null!;
    private string _key = null!;

    [OneTimeSetUp]
    public async Task StartDeployment()
    {
        Podman.EnsureImagesBuilt();
        var ports = new[] { LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free() };
        _environment["LUNARVOC_PORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["LUNARVOC_API1_PORT"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["LUNARVOC_API2_PORT"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        (_proxy, _api1, _api2) = (Local(ports[0]), Local(ports[1]), Local(ports[2]));

        Deploy("down", "-v");
        Deploy("up");
        _key = File.ReadAllLines(Path.Combine(Podman.Root, ".data", "deploy.env"))
            .Single(line => line.StartsWith("LUNARVOC_API_KEY=", StringComparison.Ordinal))["LUNARVOC_API_KEY=".Length..];
        foreach (var instance in new[] { _api1, _api2 })
        {
            using var client = new HttpClient { BaseAddress = instance };
            Assert.That(await Deployed.ReadyAsync(client, TimeSpan.FromSeconds(90)), Is.True, $"{instance} ready");
        }
    }

    [OneTimeTearDown]
    public void StopDeployment() => Deploy("down", "-v");

    [Test, Order(0)]
    public void The_instances_trust_the_network_the_proxy_is_on_and_the_shared_cache_wants_a_password()
    {
        var subnet = Podman.Run("network", "inspect", $"{Project}_default", "--format", "{{range .Subnets}}{{.Subnet}}{{end}}").Trim();
        var trusted = Podman.Run("inspect", $"{Project}_api1_1", "--format", "{{range .Config.Env}}{{println .}}{{end}}")
            .Split('\n').Single(line => line.StartsWith("ForwardedHeaders__KnownNetworks__0=", StringComparison.Ordinal)).Split('=')[1];
        var withoutPassword = Podman.ExitCodeOf("exec", $"{Project}_redis_1", "sh", "-c", "REDISCLI_AUTH= redis-cli ping | grep -q PONG");

        Assert.Multiple(() =>
        {
            Assert.That(subnet, Is.EqualTo(_environment["LUNARVOC_SUBNET"]));
            Assert.That(trusted, Is.EqualTo(subnet));
            Assert.That(withoutPassword, Is.Not.Zero, "Redis answered a client without its password");
        });
    }

    [Test, Order(1)]
    public async Task A_write_through_the_proxy_reaches_the_streams_of_both_instances_within_a_second()
    {
        using var reader = new HttpClient { BaseAddress = _proxy };
        using var writer = new HttpClient { BaseAddress = _proxy };
        writer.DefaultRequestHeaders.Add("X-Api-Key", _key);
        using var stream1 = await OpenStreamAsync(_api1);
        using var stream2 = await OpenStreamAsync(_api2);
        // The coming window the pre-fetch stores from the ephemeris shortly after the first start.
        var next = await Waiting.UntilAsync(
            async () => JsonNode.Parse(await reader.GetStringAsync(new Uri("/api/lunar/voc/status", UriKind.Relative)))!["next"],
            window => window is not null,
            TimeSpan.FromSeconds(90));
        Assert.That(next, Is.Not.Null, "a coming window");
        var source = $"deploy-{Guid.NewGuid():N}"[..30];

        // The coming window again under another source: the status changes on every instance.
        using var post = await writer.PostAsJsonAsync(
            "/api/lunar/voc",
            new { start_at = next!["start_at"]!.GetValue<string>(), end_at = next["end_at"]!.GetValue<string>(), source, replace = true });
        var written = Stopwatch.StartNew();
        var seen1 = await NextWithSourceAsync(stream1, source, written);
        var seen2 = await NextWithSourceAsync(stream2, source, written);

        await TestContext.Out.WriteLineAsync($"seen on instance 1 after {seen1.TotalMilliseconds:0} ms, on instance 2 after {seen2.TotalMilliseconds:0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(post.IsSuccessStatusCode, Is.True, post.StatusCode.ToString());
            Assert.That(seen1, Is.LessThan(TimeSpan.FromSeconds(1)), "instance 1's stream");
            Assert.That(seen2, Is.LessThan(TimeSpan.FromSeconds(1)), "instance 2's stream");
        });
    }

    [Test, Order(2)]
    public async Task Stopping_one_instance_loses_no_read_the_other_can_answer()
    {
        using var client = new HttpClient { BaseAddress = _proxy, Timeout = TimeSpan.FromSeconds(30) };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var lanes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
                    outcomes.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (HttpRequestException ex)
                {
                    outcomes.Add(ex.Message);
                }
            }
        })).ToList();
        await Waiting.UntilAsync(() => Task.FromResult(outcomes.Count), count => count >= 200);

        Podman.Run("stop", "-t", "30", $"{Project}_api1_1");
        var during = outcomes.Count;
        await Waiting.UntilAsync(() => Task.FromResult(outcomes.Count), count => count >= during + 500);
        await stop.CancelAsync();
        await Task.WhenAll(lanes);
        Podman.Run("start", $"{Project}_api1_1");

        await TestContext.Out.WriteLineAsync($"{outcomes.Count} reads through the proxy, {outcomes.Count - during} of them from the stop on");
        var failures = outcomes.Where(outcome => outcome != "200").GroupBy(outcome => outcome).ToDictionary(group => group.Key, group => group.Count());
        Assert.That(outcomes.Count, Is.GreaterThanOrEqualTo(during + 500));
        Assert.That(failures, Is.Empty, $"of {outcomes.Count} reads through the proxy");
    }

    private void Deploy(params string[] arguments) =>
        Podman.Script(TimeSpan.FromMinutes(20), _environment, "scripts/deploy.sh", arguments);

    private static Uri Local(int port) => new($"http://127.0.0.1:{port}");

    private static async Task<EventStream> OpenStreamAsync(Uri instance)
    {
        var client = new HttpClient { BaseAddress = instance, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status/stream");
        var stream = new EventStream(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        await stream.NextStatusAsync();
        return stream;
    }

    /// <summary>How long after the write the stream showed the window under its new source (10 s at most).</summary>
    private static async Task<TimeSpan> NextWithSourceAsync(EventStream stream, string source, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(10))
        {
            var (_, json) = await stream.NextStatusAsync();
            if (json.Contains(source, StringComparison.Ordinal))
            {
                return since.Elapsed;
            }
        }

        return since.Elapsed;
    }
}
