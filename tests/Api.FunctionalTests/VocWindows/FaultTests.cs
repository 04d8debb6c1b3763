using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

/// <summary>PostgreSQL stopped under concurrent reads and writes: no 5xx while an answer exists, nothing lost.</summary>
[TestFixture]
public sealed class FaultTests : VocEndpointTestBase
{
    [TearDown]
    public void EnsureDatabaseRuns() => ApiHost.Cluster.EnsureRunning();

    [Test]
    public async Task Concurrent_reads_during_an_outage_are_served_stale_then_fresh_within_one_ttl_after_it()
    {
        using var _ = await PostWindow(Noon.AddHours(-1), Noon.AddHours(5), "before-outage");
        await GetJson("/api/lunar/voc/status");
        ApiHost.Cluster.Halt();

        var during = new List<HttpResponseMessage>();
        for (var round = 0; round < 4; round++)
        {
            Time.Advance(TimeSpan.FromSeconds(45));
            during.AddRange(await SendAllAdvancingClock(Enumerable.Range(0, 50).Select(_ => (Func<Task<HttpResponseMessage>>)(() => Client.GetAsync("/api/lunar/voc/status")))));
        }

        using var neverCached = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/current"));
        ApiHost.Cluster.Resume();
        Time.Advance(TimeSpan.FromSeconds(120));
        using var after = await SendAdvancingClock(() => Client.GetAsync("/api/lunar/voc/status"));

        Assert.That(during.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), "no 5xx while a stale answer exists");
        Assert.That(during.Count(r => r.Headers.GetValues("X-Cache").Single() == "STALE"), Is.GreaterThan(0));
        Assert.That(neverCached.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(neverCached.Headers.RetryAfter, Is.Not.Null);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJson(after))["stale"]!.GetValue<bool>(), Is.False, "fresh again within one TTL");
        during.ForEach(r => r.Dispose());
    }

    [Test]
    public async Task Writes_racing_an_outage_get_2xx_or_503_and_every_acknowledged_write_is_stored_once()
    {
        var acknowledged = new ConcurrentBag<DateTimeOffset>();
        var codes = new ConcurrentBag<HttpStatusCode>();
        var next = 0;

        async Task WriteBatch(int count)
        {
            var indexes = Enumerable.Range(next, count).ToList();
            next += count;
            var writes = indexes.Select(i => (Func<Task<HttpResponseMessage>>)(() =>
                Client.PostAsJsonAsync("/api/lunar/voc", new { start_at = Iso(Noon.AddHours(i)), end_at = Iso(Noon.AddHours(i + 0.5)), source = $"w{i}" })));
            var responses = await SendAllAdvancingClock(writes);
            for (var k = 0; k < responses.Count; k++)
            {
                codes.Add(responses[k].StatusCode);
                if (responses[k].IsSuccessStatusCode)
                {
                    acknowledged.Add(Noon.AddHours(indexes[k]));
                }

                responses[k].Dispose();
            }
        }

        await WriteBatch(20);
        var halting = Task.Run(ApiHost.Cluster.Halt);
        await WriteBatch(30);
        await halting;
        await WriteBatch(20);
        ApiHost.Cluster.Resume();
        await WriteBatch(20);

        var rows = await VocWindowTable.ReadAllAsync(ApiHost.ConnectionString);
        Assert.That(codes, Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable));
        Assert.That(codes, Has.Some.EqualTo(HttpStatusCode.ServiceUnavailable), "the outage was seen");
        Assert.That(rows.Select(r => r.Start), Is.SupersetOf(acknowledged), "every acknowledged write is stored");
        Assert.That(rows.Select(r => r.Start), Is.Unique, "none twice");
        Assert.That(await VocWindowTable.CountInvalidRowsAsync(ApiHost.ConnectionString), Is.Zero, "none half-written");
    }

    /// <summary>Sends all at once, moving the fake clock on until every answer is in (retry delays run on it).</summary>
    private async Task<List<HttpResponseMessage>> SendAllAdvancingClock(IEnumerable<Func<Task<HttpResponseMessage>>> sends)
    {
        var pending = sends.Select(send => send()).ToList();
        var all = Task.WhenAll(pending);
        for (var i = 0; i < 3_000 && !all.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(all, Task.Delay(10));
        }

        return [.. await all];
    }
}
