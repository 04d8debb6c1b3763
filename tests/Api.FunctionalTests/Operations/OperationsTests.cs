using System.Diagnostics;
using System.Net;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Operations;

[TestFixture]
public sealed class OperationsTests : VocEndpointTestBase
{
    [TearDown]
    public void EnsureDatabaseRuns() => ApiHost.Cluster.EnsureRunning();

    [Test]
    public async Task Metrics_are_served_in_prometheus_text_format_with_request_cache_and_database_figures()
    {
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));
        for (var i = 0; i < 3; i++)
        {
            using var status = await Client.GetAsync("/api/lunar/voc/status");
        }

        using var response = await Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text"));
        Assert.That(text, Does.Contain("http_server_request_duration_seconds_bucket").And.Contain("http_route=\"api/lunar/voc/status\""));
        Assert.That(text, Does.Match("lunarvoc_cache_hits_total\\{[^}]*cache=\"voc_status\"[^}]*\\} 2"));
        Assert.That(text, Does.Match("lunarvoc_cache_misses_total\\{[^}]*cache=\"voc_status\"[^}]*\\} 1"));
        Assert.That(text, Does.Contain("db_client_"), "Npgsql's query metrics");
        Assert.That(text, Does.Not.Contain("Host=").And.Not.Contain(ApiHost.Cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), "no connection string in labels");
    }

    [Test]
    public async Task Liveness_is_the_process_and_readiness_follows_postgresql()
    {
        using var live = await Client.GetAsync("/health/live");
        using var ready = await Client.GetAsync("/health/ready");
        ApiHost.Cluster.Halt();
        Time.Advance(TimeSpan.FromSeconds(1)); // readiness is answered from a report at most a second old
        using var liveWhileDown = await Client.GetAsync("/health/live");
        using var readyWhileDown = await Client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("\"postgresql\""));
        Assert.That(liveWhileDown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(readyWhileDown.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await readyWhileDown.Content.ReadAsStringAsync(), Does.Contain("Unhealthy"));
    }

    [Test]
    public async Task The_invalidation_hook_needs_a_key_and_makes_the_next_read_a_miss()
    {
        using var first = await Client.GetAsync("/api/lunar/voc/status");
        using var cached = await Client.GetAsync("/api/lunar/voc/status");
        using var anonymous = Factory.CreateClient();
        using var refused = await anonymous.PostAsync("/api/lunar/voc/cache/invalidate", null);

        using var accepted = await Client.PostAsync("/api/lunar/voc/cache/invalidate", null);
        Time.Advance(TimeSpan.FromTicks(1));
        using var after = await Client.GetAsync("/api/lunar/voc/status");

        Assert.That(cached.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(after.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
    }

    [Test]
    public async Task Each_request_has_a_correlation_id_and_its_database_spans_stay_in_its_trace()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "LunarVoc",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await Client.SendAsync(request);
        using var supplied = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/current");
        supplied.Headers.Add("X-Correlation-Id", "order-42");
        using var echoed = await Client.SendAsync(supplied);

        Assert.That(response.Headers.GetValues("X-Correlation-Id").Single(), Is.EqualTo(traceId.ToString()));
        Assert.That(echoed.Headers.GetValues("X-Correlation-Id").Single(), Is.EqualTo("order-42"));
        lock (spans)
        {
            var inTrace = spans.Where(span => span.TraceId == traceId).ToList();
            var fetch = inTrace.Single(span => span.DisplayName == "cache.fetch");
            var attempt = inTrace.Single(span => span.DisplayName == "db.read.attempt");
            // The query, and the connection it opened when the pool had none idle (one is held by the change listener).
            var database = inTrace.Where(span => span.Source.Name == "Npgsql").ToList();
            var query = database.Single(span => !span.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal));
            Assert.That(attempt.ParentSpanId, Is.EqualTo(fetch.SpanId), "the retry attempt runs inside the cache fetch");
            Assert.That(query.ParentSpanId, Is.EqualTo(attempt.SpanId), "the query runs inside the attempt, inside the request's trace");
            Assert.That(database.Select(span => span.ParentSpanId), Is.All.EqualTo(attempt.SpanId), "connecting too");
        }
    }

    [Test]
    public async Task Json_logs_are_an_option()
    {
        await using var factory = new LunarVocApiFactory(new FakeTimeProvider(Noon), new Dictionary<string, string?> { ["Logging:Json"] = "true" });
        using var client = factory.CreateClient();

        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
    }
}
