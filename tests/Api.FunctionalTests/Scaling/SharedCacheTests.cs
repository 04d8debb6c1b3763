using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Scaling;

/// <summary>Two instances sharing PostgreSQL and a real Redis, as behind a load balancer.</summary>
[TestFixture]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SharedCacheTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Noon);
    private RedisServer _redis = null!;
    private string _database = null!;
    private LunarVocApiFactory _a = null!;
    private LunarVocApiFactory _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    [SetUp]
    public async Task StartTwoInstances()
    {
        _redis = RedisServer.Start();
        _database = ApiHost.Cluster.CreateDatabase($"lunarvoc_shared_{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database,
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["Redis:TimeoutMilliseconds"] = "300",
        };
        _a = new LunarVocApiFactory(_time, settings);
        _b = new LunarVocApiFactory(_time, settings);
        _clientA = _a.CreateWriterClient();
        _clientB = _b.CreateWriterClient();
        await Task.CompletedTask;
    }

    [TearDown]
    public async Task Stop() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _clientA?.Dispose();
        _clientB?.Dispose();
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        _redis?.Dispose();
    }

    [Test]
    public async Task With_redis_too_a_write_on_one_instance_is_pushed_to_the_other_instances_streams_at_once()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status/stream");
        using var stream = new Streams.EventStream(await _clientB.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        await stream.NextStatusAsync();
        for (var i = 0; i < 200 && (await _clientB.GetStringAsync("/health/ready")).Contains("not listening", StringComparison.Ordinal); i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1.1)); // readiness is at most a second old on the hosts' clock
        }

        using var post = await _clientA.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-24T13:00:00Z", end_at = "2026-11-24T15:00:00Z", source = "written-on-a" });
        var (_, json) = await stream.NextStatusAsync(); // no clock moved: told through PostgreSQL, not the local lifetime

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(json)!["next"]!["source"]!.GetValue<string>(), Is.EqualTo("written-on-a"));
    }

    [Test]
    public async Task A_write_on_one_instance_is_seen_by_the_other_within_the_local_lifetime()
    {
        var before = await Status(_clientB);
        using var post = await _clientA.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-24T11:00:00Z", end_at = "2026-11-24T15:00:00Z", source = "written-on-a" });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        _time.Advance(TimeSpan.FromSeconds(5));
        var after = await Status(_clientB);

        Assert.That(before["is_voc"]!.GetValue<bool>(), Is.False);
        Assert.That(after["is_voc"]!.GetValue<bool>(), Is.True, "B sees A's write within 5 s");
        Assert.That(after["current"]!["source"]!.GetValue<string>(), Is.EqualTo("written-on-a"));
    }

    [Test]
    public async Task Killing_redis_mid_run_fails_no_request_and_recovery_is_automatic()
    {
        using var seed = await _clientA.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-24T11:00:00Z", end_at = "2026-11-24T15:00:00Z", source = "seed" });
        var codes = new List<HttpStatusCode>();
        async Task Round()
        {
            foreach (var client in new[] { _clientA, _clientB })
            {
                using var status = await client.GetAsync("/api/lunar/voc/status");
                using var current = await client.GetAsync("/api/lunar/voc/current");
                codes.Add(status.StatusCode);
                codes.Add(current.StatusCode);
            }

            _time.Advance(TimeSpan.FromSeconds(7));
        }

        await Round();
        _redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            await Round();
        }

        using var writeWithoutRedis = await _clientB.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-25T11:00:00Z", end_at = "2026-11-25T15:00:00Z", source = "during" });
        _redis.Resume();
        for (var i = 0; i < 3; i++)
        {
            await Round();
        }

        Assert.That(codes, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(writeWithoutRedis.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Readiness_reports_degraded_not_unhealthy_while_redis_is_down()
    {
        using var healthy = await _clientA.GetAsync("/health/ready");
        _redis.Kill();
        _time.Advance(TimeSpan.FromSeconds(1)); // readiness is answered from a report at most a second old
        using var degraded = await _clientA.GetAsync("/health/ready");

        Assert.That(healthy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await healthy.Content.ReadAsStringAsync(), Does.Contain("\"redis\"").And.Contain("\"status\":\"Healthy\""));
        Assert.That(degraded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await degraded.Content.ReadAsStringAsync(), Does.StartWith("{\"status\":\"Degraded\""));
    }

    [Test]
    public async Task The_invalidation_hook_on_one_instance_clears_the_caches_of_every_instance()
    {
        await Status(_clientA);
        await Status(_clientB);
        await VocWindowTable.InsertAsync(_database, Noon.AddHours(-1), Noon.AddHours(3), "upstream");

        using var hook = await _clientA.PostAsync("/api/lunar/voc/cache/invalidate", null);
        _time.Advance(TimeSpan.FromSeconds(5));
        var b = await Status(_clientB);

        Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(b["current"]?["source"]?.GetValue<string>(), Is.EqualTo("upstream"));
    }

    [Test]
    public async Task A_frozen_redis_costs_a_request_at_most_one_timeout_and_readiness_says_degraded()
    {
        await using var slow = new LunarVocApiFactory(_time, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database,
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["Redis:TimeoutMilliseconds"] = "1000",
        });
        using var client = slow.CreateWriterClient();
        await Status(client);
        _redis.Freeze();
        try
        {
            var write = Stopwatch.StartNew();
            using var post = await client.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-24T11:00:00Z", end_at = "2026-11-24T15:00:00Z", source = "frozen-redis" });
            write.Stop();
            var read = Stopwatch.StartNew();
            var status = await Status(client);
            read.Stop();
            _time.Advance(TimeSpan.FromSeconds(1));
            using var ready = await client.GetAsync("/health/ready");

            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(write.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.8)), "one 1 s timeout at most, not one per Redis call");
            Assert.That(read.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.8)));
            Assert.That(status["current"]!["source"]!.GetValue<string>(), Is.EqualTo("frozen-redis"));
            Assert.That(await ready.Content.ReadAsStringAsync(), Does.StartWith("{\"status\":\"Degraded\""));
        }
        finally
        {
            _redis.Thaw();
        }
    }

    [Test]
    public async Task A_full_redis_that_loses_an_invalidation_is_reported_not_silent()
    {
        await Status(_clientA);
        _redis.Command("CONFIG", "SET", "maxmemory-policy", "noeviction");
        _redis.Command("CONFIG", "SET", "maxmemory", "1");

        using var post = await _clientA.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2026-11-24T11:00:00Z", end_at = "2026-11-24T15:00:00Z", source = "redis-full" });
        _time.Advance(TimeSpan.FromSeconds(1));
        using var ready = await _clientA.GetAsync("/health/ready");
        using var metrics = await _clientA.GetAsync("/metrics");

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.StartWith("{\"status\":\"Degraded\""));
        Assert.That(await metrics.Content.ReadAsStringAsync(), Does.Match("lunarvoc_shared_cache_failures_total\\{[^}]*operation=\"set\"[^}]*\\} [1-9]"));
        Assert.That(
            _a.Logs.Entries.Where(e => e.Category.EndsWith("GuardedDistributedCache", StringComparison.Ordinal)).Select(e => (e.Level, e.Message)),
            Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Level == LogLevel.Warning && e.Message.Contains("OOM", StringComparison.Ordinal)));
    }

    private static async Task<JsonNode> Status(HttpClient client)
    {
        using var response = await client.GetAsync("/api/lunar/voc/status");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
