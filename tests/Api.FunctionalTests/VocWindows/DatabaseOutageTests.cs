using System.Net;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

/// <summary>The test PostgreSQL is stopped mid-run and started again.</summary>
[TestFixture]
public sealed class DatabaseOutageTests : VocEndpointTestBase
{
    [TearDown]
    public void EnsureDatabaseRuns() => ApiHost.Cluster.EnsureRunning();

    [Test]
    public async Task With_the_database_down_status_is_served_stale_then_fresh_again_after_it_restarts()
    {
        await PostWindow(Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        var fresh = await GetJson("/api/lunar/voc/status");
        ApiHost.Cluster.Halt();
        Time.Advance(TimeSpan.FromSeconds(120));

        using var stale = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/status"));
        var staleBody = await ReadJson(stale);
        ApiHost.Cluster.Resume();
        // The refresh left in the background by the soft timeout runs out of its database budget at the
        // first step; the outage throttle opens then, and is closed 10 s later.
        Time.Advance(TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromSeconds(10));
        using var recovered = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/status"));
        var recoveredBody = await ReadJson(recovered);

        Assert.That(fresh["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.Headers.GetValues("X-Cache").Single(), Is.EqualTo("STALE"));
        Assert.That(stale.Headers.Age, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(stale.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.Zero), "a stale answer is not for caches to keep");
        Assert.That(staleBody["stale"]!.GetValue<bool>(), Is.True);
        Assert.That(Text(staleBody["current"]!["source"]), Is.EqualTo("before-outage"));
        // MISS, or HIT when the refresh left running in the background by the soft timeout got through first.
        Assert.That(recovered.Headers.GetValues("X-Cache").Single(), Is.AnyOf("MISS", "HIT"));
        Assert.That(recoveredBody["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(Text(recoveredBody["as_of"]), Is.Not.EqualTo(Text(fresh["as_of"])));
    }

    [Test]
    public async Task With_the_database_down_and_nothing_cached_reads_and_writes_answer_503_with_retry_after()
    {
        ApiHost.Cluster.Halt();

        using var status = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/status"));
        using var save = await SendAdvancingClock(() => PostWindow(Noon, Noon.AddHours(1)));

        foreach (var response in new[] { status, save })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
            Assert.That(response.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("   at "));
        }
    }

    [Test]
    public async Task Serving_stale_answers_all_through_an_outage_logs_a_line_a_minute_not_a_line_a_request()
    {
        await PostWindow(Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        await GetJson("/api/lunar/voc/status");
        ApiHost.Cluster.Halt();
        Time.Advance(TimeSpan.FromSeconds(120));

        var linesBefore = Factory.Logs.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var stale = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/status"));
            codes.Add(stale.StatusCode);
        }

        var staleLines = Factory.Logs.Entries.Count(e => e.Message.Contains("served stale", StringComparison.Ordinal));
        Assert.That(codes, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(staleLines, Is.InRange(1, 2), "fifty stale answers in well under a minute of the service's clock");
        var lines = Factory.Logs.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information) - linesBefore;
        Assert.That(lines, Is.LessThanOrEqualTo(10), "in all, a handful of lines for fifty requests");
    }
}
