using System.Net;
using System.Net.Http.Json;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class OverlapEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task An_overlapping_window_is_refused_with_409_naming_the_stored_one()
    {
        using var stored = await PostWindow(Noon.AddHours(1), Noon.AddHours(3), "almanac");
        var storedId = (await ReadJson(stored))["id"]!.GetValue<long>();

        using var response = await PostWindow(Noon.AddHours(2), Noon.AddHours(4), "other");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadJson(response);
        Assert.That(problem["conflicting_window"]!["id"]!.GetValue<long>(), Is.EqualTo(storedId));
        Assert.That(Text(problem["conflicting_window"]!["start_at"]), Is.EqualTo(Iso(Noon.AddHours(1))), "the window as every answer writes it: snake_case, UTC");
        Assert.That(Text(problem["detail"]), Does.Contain("replace"));
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Replace_true_swaps_the_overlapping_window_for_the_new_one()
    {
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(3), "almanac");

        using var response = await Client.PostAsJsonAsync("/api/lunar/voc", new
        {
            start_at = Iso(Noon.AddHours(2)),
            end_at = Iso(Noon.AddHours(4)),
            source = "corrected",
            replace = true,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var windows = await GetJson($"/api/lunar/voc/windows?from={Iso(Noon)}&to={Iso(Noon.AddDays(1))}");
        Assert.That(windows["windows"]!.AsArray().Select(w => Text(w!["source"])), Is.EqualTo(new[] { "corrected" }));
    }

    [Test]
    public async Task Of_100_concurrent_overlapping_posts_one_is_stored_and_the_others_get_409()
    {
        var posts = Enumerable.Range(0, 100).Select(i => Client.PostAsJsonAsync("/api/lunar/voc", new
        {
            start_at = Iso(Noon.AddMinutes(60 + i)),
            end_at = Iso(Noon.AddMinutes(180 + i)),
            source = $"racer-{i}",
        }));

        var responses = await Task.WhenAll(posts);

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(99));
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Concurrent_overlapping_replaces_all_succeed_and_the_last_committed_wins()
    {
        using var _ = await PostWindow(Noon, Noon.AddHours(2), "almanac");
        var replaces = Enumerable.Range(0, 60).Select(i => Client.PostAsJsonAsync("/api/lunar/voc", new
        {
            start_at = Iso(Noon.AddMinutes(i)),
            end_at = Iso(Noon.AddHours(3).AddMinutes(i)),
            source = $"replace-{i}",
            replace = true,
        }));

        var responses = await Task.WhenAll(replaces);
        var codes = responses.Select(r => r.StatusCode).ToList();
        var acknowledged = new List<long>();
        foreach (var response in responses)
        {
            acknowledged.Add((await ReadJson(response))["id"]!.GetValue<long>());
            response.Dispose();
        }

        var stored = await GetJson($"/api/lunar/voc/windows?from={Iso(Noon.AddDays(-1))}&to={Iso(Noon.AddDays(1))}");
        var storedIds = stored["windows"]!.AsArray().Select(w => w!["id"]!.GetValue<long>()).ToList();
        Assert.That(codes, Is.All.EqualTo(HttpStatusCode.Created), "no deadlock (503) and no 409 for a replace");
        Assert.That(storedIds, Has.Count.EqualTo(1), "every window overlapped every other: one is left, never an overlap");
        Assert.That(acknowledged, Has.Member(storedIds[0]));
        Assert.That(acknowledged.Max(), Is.EqualTo(storedIds[0]), "the last committed replace is the one kept");
    }
}
