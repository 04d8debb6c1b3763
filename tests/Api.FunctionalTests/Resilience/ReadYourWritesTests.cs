using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Streams;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Resilience;

/// <summary>
/// An outage longer than the cache lifetimes, then a write: the writing instance's reads and streams
/// show it at once, and another instance within a second of the database answering again.
/// </summary>
[TestFixture]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ReadYourWritesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // The whole fetch is waited for (no soft timeout), so every failed read has ended before the next.
    private static readonly Dictionary<string, string?> Settings = new() { ["Caching:SoftTimeoutMilliseconds"] = "60000" };

    private readonly FakeTimeProvider _time = new(Noon);

    [SetUp]
    public Task Truncate() => ApiHost.TruncateAsync();

    [TearDown]
    public void EnsureDatabaseRuns() => ApiHost.Cluster.EnsureRunning();

    [Test]
    public async Task After_an_outage_longer_than_the_ttls_a_write_is_seen_at_once_by_the_writing_instances_reads_and_streams()
    {
        await using var api = new LunarVocApiFactory(_time, Settings);
        using var client = api.CreateWriterClient();
        await Post(client, Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        await ReadFresh(client);
        using var stream = await OpenStream(client);
        await stream.NextStatusAsync();
        await BreakTheDatabase([api], [client]);

        using var post = await Post(client, Noon.AddHours(6), Noon.AddHours(8), "after-outage");
        var status = await Json(client, "/api/lunar/voc/status");
        var current = await Json(client, "/api/lunar/voc/current");
        var pushed = await NextStatusShowing(stream, "after-outage");

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(status["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(status["next"]!["source"]!.GetValue<string>(), Is.EqualTo("after-outage"));
        Assert.That(current["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(pushed["stale"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task After_an_outage_longer_than_the_ttls_another_instance_shows_a_write_within_a_second_of_the_database_answering()
    {
        await using var a = new LunarVocApiFactory(_time, Settings);
        await using var b = new LunarVocApiFactory(_time, Settings);
        using var clientA = a.CreateWriterClient();
        using var clientB = b.CreateWriterClient();
        await Post(clientA, Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        await ReadFresh(clientA);
        await ReadFresh(clientB);
        await BreakTheDatabase([a, b], [clientA, clientB]);

        using var post = await Post(clientA, Noon.AddHours(6), Noon.AddHours(8), "after-outage");
        var waited = TimeSpan.Zero;
        JsonObject seen;
        while (true)
        {
            // Real time only for the database's I/O (reconnecting, reading); the service's time moves in 100 ms steps.
            seen = await PollUntil(clientB, TimeSpan.FromSeconds(5));
            if (Source(seen["next"]) == "after-outage" || waited >= TimeSpan.FromSeconds(3))
            {
                break;
            }

            _time.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
        }

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Source(seen["next"]), Is.EqualTo("after-outage"));
        Assert.That(seen["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(waited, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(1)), "on the instances' clock, from the database answering again");
    }

    /// <summary>The database stops for longer than the TTLs; every instance serves stale until its outage breaker opens; then it starts again.</summary>
    private async Task BreakTheDatabase(LunarVocApiFactory[] factories, HttpClient[] clients)
    {
        ApiHost.Cluster.Halt();
        _time.Advance(TimeSpan.FromSeconds(130));
        foreach (var (factory, client) in factories.Zip(clients))
        {
            for (var read = 0; read < 3; read++)
            {
                using var stale = await factory.SendAdvancing(() => client.GetAsync("/api/lunar/voc/status"));
                var body = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
                Assert.That(body["stale"]!.GetValue<bool>(), Is.True, "served from the last good answer during the outage");
            }
        }

        ApiHost.Cluster.Resume();
    }

    private static async Task<JsonObject> PollUntil(HttpClient client, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var body = await Json(client, "/api/lunar/voc/status");
            if (Source(body["next"]) == "after-outage" || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(20);
        }
    }

    private static string? Source(JsonNode? window) => window?["source"]?.GetValue<string>();

    private async Task<HttpResponseMessage> Post(HttpClient client, DateTimeOffset start, DateTimeOffset end, string source)
    {
        var response = await client.PostAsJsonAsync("/api/lunar/voc", new { start_at = IsoText.Of(start), end_at = IsoText.Of(end), source });
        _time.Advance(TimeSpan.FromTicks(1)); // a write invalidates as of its instant; on a real clock the next read is later
        return response;
    }

    private static async Task ReadFresh(HttpClient client)
    {
        Assert.That((await Json(client, "/api/lunar/voc/status"))["stale"]!.GetValue<bool>(), Is.False);
        Assert.That((await Json(client, "/api/lunar/voc/current"))["stale"]!.GetValue<bool>(), Is.False);
    }

    private static async Task<JsonObject> Json(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<EventStream> OpenStream(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status/stream");
        return new EventStream(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    private static async Task<JsonNode> NextStatusShowing(EventStream stream, string source)
    {
        for (var events = 0; events < 20; events++)
        {
            var (_, json) = await stream.NextStatusAsync();
            var status = JsonNode.Parse(json)!;
            if (Source(status["next"]) == source)
            {
                return status;
            }
        }

        throw new AssertionException($"no event showed {source}");
    }
}
