using System.Net;
using System.Text;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class SaveEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task A_new_window_answers_201_with_a_location_that_serves_it()
    {
        using var response = await PostWindow(Noon.AddHours(1), Noon.AddHours(3), "ephemeris");
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location, Is.Not.Null);
        Assert.That(Text(body["start_at"]), Is.EqualTo("2026-11-24T13:00:00Z"));
        var fetched = await GetJson(response.Headers.Location!.ToString());
        Assert.That(fetched.ToJsonString(), Is.EqualTo(body.ToJsonString()));
    }

    [Test]
    public async Task The_same_bounds_again_answer_200_update_the_source_and_add_no_row()
    {
        using var first = await PostWindow(Noon.AddHours(1), Noon.AddHours(3), "provider-a");

        using var second = await PostWindow(Noon.AddHours(1), Noon.AddHours(3), "provider-b");
        var body = await ReadJson(second);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Text(body["source"]), Is.EqualTo("provider-b"));
        Assert.That(body["id"]!.GetValue<long>(), Is.EqualTo((await ReadJson(first))["id"]!.GetValue<long>()));
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_instant_in_another_offset_is_the_same_window()
    {
        using var first = await PostWindow(Noon.AddHours(1), Noon.AddHours(3));
        var paris = TimeSpan.FromHours(1);
        var json = $$"""{"start_at":"2026-11-24T14:00:00+01:00","end_at":"2026-11-24T16:00:00+01:00","source":"paris"}""";

        using var second = await Client.PostAsync("/api/lunar/voc", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.That(paris, Is.Not.EqualTo(TimeSpan.Zero));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task One_hundred_concurrent_identical_posts_leave_one_row_and_exactly_one_201()
    {
        var posts = Enumerable.Range(0, 100).Select(_ => PostWindow(Noon.AddHours(5), Noon.AddHours(6), "race"));

        var responses = await Task.WhenAll(posts);
        var codes = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.That(codes.Count(c => c == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(codes.Count(c => c == HttpStatusCode.OK), Is.EqualTo(99));
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_id_answers_404_problem_details()
    {
        using var response = await Client.GetAsync("/api/lunar/voc/999");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }
}
