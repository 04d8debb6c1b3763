using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Streams;

/// <summary>
/// The live status stream: the first event, an event at a boundary (fake clock), after a write on
/// this instance and on another one (two hosts, one PostgreSQL: LISTEN/NOTIFY), Last-Event-ID, the caps,
/// metrics and shutdown.
/// </summary>
[TestFixture]
public sealed class StatusStreamTests : VocEndpointTestBase
{
    private const string Path = "/api/lunar/voc/status/stream";

    /// <summary>
    /// The host started before the table was emptied: let its broadcaster see the empty table (the
    /// invalidation hook is a change like any other) before a test looks at events.
    /// </summary>
    [SetUp]
    public async Task StartFromAnEmptyTable()
    {
        using var stream = await OpenAsync(Client);
        using var _ = await Client.PostAsync("/api/lunar/voc/cache/invalidate", null);
        await NextWhereAsync(stream, status => status["next"] is null);
        // A read joins the fetch the invalidation started, so none is in flight when a test moves the
        // clock (a jump past the soft timeout would serve that fetch's last good answer, stale).
        using var settled = await Client.GetAsync("/api/lunar/voc/status");
    }

    [Test]
    public async Task The_first_event_is_the_status_and_a_boundary_brings_the_next_one()
    {
        using var stream = await OpenAsync(Client);
        var (_, empty) = await stream.NextStatusAsync();
        using var _ = await PostStoredWindow(Noon.AddSeconds(40), Noon.AddHours(3));

        var first = await NextWhereAsync(stream, status => status["next"] is not null);
        var status = await GetJson("/api/lunar/voc/status");
        Assert.That(stream.Response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(JsonNode.Parse(empty)!["next"], Is.Null, "the first event: the status as it was");
        Assert.That(first["is_voc"]!.GetValue<bool>(), Is.False);
        Assert.That(first["next"]!.ToJsonString(), Is.EqualTo(status["next"]!.ToJsonString()), "the same JSON as /status");

        Time.Advance(TimeSpan.FromSeconds(41));
        var (_, atBoundary) = await stream.NextStatusAsync();

        Assert.That(JsonNode.Parse(atBoundary)!["is_voc"]!.GetValue<bool>(), Is.True, "the window started: pushed, not polled");
    }

    [Test]
    public async Task A_write_on_this_instance_is_pushed()
    {
        using var stream = await OpenAsync(Client);
        var (firstId, _) = await stream.NextStatusAsync();

        using var _ = await PostStoredWindow(Noon.AddHours(1), Noon.AddHours(2));
        var (id, json) = await stream.NextStatusAsync();

        Assert.That(id, Is.Not.EqualTo(firstId));
        Assert.That(JsonNode.Parse(json)!["next"]!["start_at"]!.GetValue<string>(), Is.EqualTo(Iso(Noon.AddHours(1))));
    }

    [Test]
    public async Task A_store_error_of_no_known_kind_leaves_the_streams_their_last_event_and_the_service_up()
    {
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_stream_schema");
        await using var broken = new LunarVocApiFactory(new FakeTimeProvider(Noon), new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database });
        using var client = broken.CreateWriterClient();
        using var first = await OpenAsync(client);
        var (firstId, _) = await first.NextStatusAsync();
        await VocWindowTable.BreakSchemaAsync(database);

        using (var invalidated = await client.PostAsync("/api/lunar/voc/cache/invalidate", null))
        {
            Assert.That(invalidated.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var metrics = await Waiting.UntilAsync(() => client.GetStringAsync("/metrics"), text => text.Contains("lunarvoc_streams_read_failures_total", StringComparison.Ordinal));
        using var second = await OpenAsync(client);
        var (secondId, _) = await second.NextStatusAsync();

        Assert.That(metrics, Does.Match("lunarvoc_streams_read_failures_total(\\{[^}]*\\})? [1-9]"));
        Assert.That(broken.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, Is.False, "the host keeps running");
        Assert.That(secondId, Is.EqualTo(firstId), "a new stream gets the last event");
    }

    [Test]
    public async Task A_write_on_another_instance_is_pushed_through_the_database()
    {
        var otherTime = new FakeTimeProvider(Noon);
        await using var other = new LunarVocApiFactory(otherTime);
        using var otherClient = other.CreateClient();
        using var stream = await OpenAsync(otherClient);
        await stream.NextStatusAsync();
        await WaitUntilListeningAsync(otherClient, otherTime);

        using var _ = await PostStoredWindow(Noon.AddHours(1), Noon.AddHours(2)); // on this instance
        otherTime.Advance(TimeSpan.FromTicks(1)); // a write invalidates as of its instant; the other clock moves on too
        var (_, json) = await stream.NextStatusAsync();

        Assert.That(JsonNode.Parse(json)!["next"]!["start_at"]!.GetValue<string>(), Is.EqualTo(Iso(Noon.AddHours(1))));
    }

    [Test]
    public async Task A_client_that_has_the_current_status_is_not_sent_it_again()
    {
        string id;
        using (var first = await OpenAsync(Client))
        {
            (id, _) = await first.NextStatusAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Add("Last-Event-ID", id);
        using var again = new EventStream(await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        var retry = await again.NextFrameAsync();
        Time.Advance(TimeSpan.FromSeconds(15));
        var next = await again.NextFrameAsync();

        Assert.That(retry, Is.EqualTo(new[] { "retry: 5000" }));
        Assert.That(next, Is.EqualTo(new[] { ": keep-alive" }), "the heartbeat, not the status it already has");
    }

    [Test]
    public async Task During_a_database_outage_the_stream_keeps_its_answer_marked_stale()
    {
        using var _ = await PostStoredWindow(Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        using var stream = await OpenAsync(Client);
        await NextWhereAsync(stream, status => status["current"] is not null);
        ApiHost.Cluster.Halt();
        try
        {
            // The cached status expires on the host's clock; its refresh fails and the last good answer is served.
            var stale = NextWhereAsync(stream, status => status["stale"]!.GetValue<bool>());
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!stale.IsCompleted && DateTime.UtcNow < deadline)
            {
                Time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.WhenAny(stale, Task.Delay(10)); // waits for the failing connections' I/O, never for time to pass
            }

            var status = await stale.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.That(status["current"]!["source"]!.GetValue<string>(), Is.EqualTo("before-outage"));
            Assert.That(status["is_voc"]!.GetValue<bool>(), Is.True);
        }
        finally
        {
            ApiHost.Cluster.EnsureRunning();
        }
    }

    [TestCase("Streams:MaxPerClient", HttpStatusCode.TooManyRequests)]
    [TestCase("Streams:MaxOpen", HttpStatusCode.ServiceUnavailable)]
    public async Task Beyond_a_cap_a_stream_is_refused_with_retry_after(string cap, HttpStatusCode refused)
    {
        await using var capped = new LunarVocApiFactory(new FakeTimeProvider(Noon), new Dictionary<string, string?> { [cap] = "1" });
        using var client = capped.CreateClient();
        using var open = await OpenAsync(client);
        await open.NextStatusAsync();

        using var beyond = await client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead);

        Assert.That(beyond.StatusCode, Is.EqualTo(refused));
        Assert.That(beyond.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(beyond.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Open_streams_events_and_the_delay_of_changes_show_on_metrics()
    {
        using var stream = await OpenAsync(Client);
        await stream.NextStatusAsync();
        using var _ = await PostStoredWindow(Noon.AddHours(1), Noon.AddHours(2));
        await NextWhereAsync(stream, status => status["next"] is not null);

        var metrics = await Client.GetStringAsync("/metrics");

        Assert.That(metrics, Does.Match(@"lunarvoc_streams_open(\{[^}]*\})? [1-9]"));
        Assert.That(metrics, Does.Match(@"lunarvoc_streams_events_sent_total(\{[^}]*\})? [2-9]"));
        // Only changes count as deliveries (the status sent on connect is not one), in sub-second buckets.
        Assert.That(metrics, Does.Match(@"lunarvoc_streams_delivery_lag_seconds_count(\{[^}]*\})? 1\b"));
        Assert.That(metrics, Does.Match(@"lunarvoc_streams_delivery_lag_seconds_bucket\{[^}]*le=""0.05""\} 1"));
        Assert.That(stream.Response.Headers.Contains("X-Cache"), Is.False);
    }

    [Test]
    public async Task At_shutdown_streams_end_cleanly_so_clients_reconnect_elsewhere()
    {
        using var api = await Process.ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_stream_stop_{Guid.NewGuid():N}"), TestSupport.LoopbackPorts.Free());
        using var client = api.CreateClient();
        using var stream = await OpenAsync(client);
        await stream.NextStatusAsync();

        var exitCode = await api.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.That(exitCode, Is.Zero, "a clean stop, not held up by the open stream");
        // Frames already sent may still be read; then the stream ends (a stream left open would time out instead).
        Assert.That(
            async () =>
            {
                for (var frames = 0; frames < 100; frames++)
                {
                    await stream.NextFrameAsync(TimeSpan.FromSeconds(5));
                }
            },
            Throws.InstanceOf<EndOfStreamException>().Or.InstanceOf<IOException>().Or.InstanceOf<HttpRequestException>());
    }

    /// <summary>Posts a window and checks it was stored: a refused write would otherwise show only as a missing event.</summary>
    private async Task<HttpResponseMessage> PostStoredWindow(DateTimeOffset start, DateTimeOffset end, string source = "test")
    {
        var response = await PostWindow(start, end, source);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task<JsonNode> NextWhereAsync(EventStream stream, Func<JsonNode, bool> wanted)
    {
        for (var i = 0; i < 10; i++)
        {
            var status = JsonNode.Parse((await stream.NextStatusAsync()).Json)!;
            if (wanted(status))
            {
                return status;
            }
        }

        throw new AssertionException("the awaited status never came");
    }

    private static async Task<EventStream> OpenAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return new EventStream(response);
    }

    /// <summary>Readiness reports the change listener (its report is at most a second old on the host's clock, moved here).</summary>
    private static async Task WaitUntilListeningAsync(HttpClient client, FakeTimeProvider time)
    {
        for (var i = 0; i < 200; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1.1));
            var text = await client.GetStringAsync("/health/ready");
            if (!text.Contains("not listening", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("the change listener never listened");
    }

}
