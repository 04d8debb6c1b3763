using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>
/// PostgreSQL frozen with SIGSTOP (sockets open, nothing answers) under concurrent reads and writes:
/// every request is answered within its budget — stale status within about the soft timeout,
/// everything else 503 with Retry-After within the database budget.
/// </summary>
[TestFixture]
public sealed class FrozenDatabaseTests
{
    private const double BudgetSeconds = 2;

    [TearDown]
    public void ThawDatabase() => ApiHost.Cluster.Thaw();

    [Test]
    public async Task Every_request_is_answered_within_its_budget()
    {
        using var api = await ApiProcess.StartAsync(
            ApiHost.Cluster.CreateDatabase("lunarvoc_frozen"),
            LoopbackPorts.Free(),
            new Dictionary<string, string> { ["Retry__BudgetSeconds"] = BudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var writer = api.CreateClient(writer: true);
        using var reader = api.CreateClient();
        using (var saved = await writer.PostAsJsonAsync("/api/lunar/voc", new { start_at = "2030-01-01T00:00:00Z", end_at = "2030-01-01T01:00:00Z", source = "before" }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        foreach (var path in new[] { "/api/lunar/voc/status", "/api/lunar/voc/current" })
        {
            using var warm = await reader.GetAsync(new Uri(path, UriKind.Relative));
        }

        // The cached reads are dropped but their last good answers kept: the next reads must go to the database.
        using (var invalidated = await writer.PostAsync(new Uri("/api/lunar/voc/cache/invalidate", UriKind.Relative), null))
        {
            Assert.That(invalidated.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        // Connections already open to the server that then freezes are the hard case: statements sent on
        // them get no answer at all (a new connection at least times out connecting).
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var warm = await reader.GetAsync(new Uri($"/api/lunar/voc/windows?from=2029-01-01&to=2031-01-0{1 + (i % 9)}", UriKind.Relative));
        }));

        ApiHost.Cluster.Freeze();
        var uncached = new List<Task<(HttpStatusCode Status, TimeSpan Took, bool HasRetryAfter)>>();
        for (var i = 1; i <= 9; i++)
        {
            uncached.Add(Timed(() => reader.GetAsync(new Uri($"/api/lunar/voc/windows?from=2030-01-0{i}&to=2030-02-01", UriKind.Relative))));
            uncached.Add(Timed(() => writer.PostAsJsonAsync("/api/lunar/voc", new { start_at = $"2031-01-0{i}T00:00:00Z", end_at = $"2031-01-0{i}T01:00:00Z", source = "frozen" })));
        }

        uncached.Add(Timed(() => reader.GetAsync(new Uri("/api/lunar/voc/1", UriKind.Relative))));
        var readiness = Timed(() => reader.GetAsync(new Uri("/health/ready", UriKind.Relative)));
        var statusReads = new List<(HttpStatusCode Status, TimeSpan Took, bool HasRetryAfter)>();
        for (var i = 0; i < 4; i++)
        {
            statusReads.Add(await Timed(() => reader.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative))));
            statusReads.Add(await Timed(() => reader.GetAsync(new Uri("/api/lunar/voc/current", UriKind.Relative))));
        }

        var others = await Task.WhenAll(uncached);
        var ready = await readiness;

        Assert.That(statusReads.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statusReads.Select(r => r.Took), Is.All.LessThan(TimeSpan.FromSeconds(1.8)), "stale within about the 1 s soft timeout");
        Assert.That(others.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(others.Select(r => r.HasRetryAfter), Is.All.True);
        Assert.That(others.Select(r => r.Took), Is.All.LessThan(TimeSpan.FromSeconds(BudgetSeconds + 1)), "within the database budget");
        Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(ready.Took, Is.LessThan(TimeSpan.FromSeconds(4)), "the readiness check's own 3 s budget");
        Assert.That(api.HasExited, Is.False);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Took, bool HasRetryAfter)> Timed(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        return (response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null);
    }
}
