namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class CachingEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task Reads_say_miss_then_hit_with_an_age_and_cache_stats_counts_them()
    {
        using var first = await Client.GetAsync("/api/lunar/voc/status");
        Time.Advance(TimeSpan.FromSeconds(45));
        using var second = await Client.GetAsync("/api/lunar/voc/status");
        var stats = await GetJson("/api/lunar/voc/cache_stats");

        Assert.That(first.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
        Assert.That(second.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"));
        Assert.That(second.Headers.Age, Is.EqualTo(TimeSpan.FromSeconds(45)));
        var status = stats["voc_status"]!;
        Assert.That(status["has_data"]!.GetValue<bool>(), Is.True);
        Assert.That(status["age_seconds"]!.GetValue<long>(), Is.EqualTo(45));
        Assert.That(status["hits"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(status["misses"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(stats["voc_current"]!["has_data"]!.GetValue<bool>(), Is.False);
        Assert.That(status.AsObject().Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "has_data", "age_seconds", "ttl", "hits", "misses", "stale_served", "retries", "db_errors", "last_error_at",
        }));
    }

    [Test]
    public async Task Every_response_carries_an_x_cache_header()
    {
        using var save = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));
        using var notFound = await Client.GetAsync("/api/lunar/voc/999");
        using var noRoute = await Client.GetAsync("/api/lunar/nothing-here");
        using var invalid = await Client.PostAsync("/api/lunar/voc", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(save.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
        Assert.That(notFound.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
        Assert.That(noRoute.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
        Assert.That(invalid.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
    }

    [Test]
    public async Task A_cached_answer_reports_the_end_of_a_window_at_the_exact_second()
    {
        await PostWindow(Noon.AddHours(-1), Noon.AddSeconds(30));
        var before = await GetJson("/api/lunar/voc/current");

        Time.Advance(TimeSpan.FromSeconds(30));
        using var atEnd = await Client.GetAsync("/api/lunar/voc/current");
        var atEndBody = await ReadJson(atEnd);

        Assert.That(before["is_voc"]!.GetValue<bool>(), Is.True);
        Assert.That(atEnd.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"));
        Assert.That(atEndBody["is_voc"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task A_cached_status_lists_a_window_in_upcoming_the_moment_it_comes_within_48_hours()
    {
        await PostWindow(Noon.AddHours(49), Noon.AddHours(50), "far");
        var before = await GetJson("/api/lunar/voc/status");

        var entersHorizon = Noon.AddHours(1);
        Time.Advance(entersHorizon - TimeSpan.FromTicks(1) - Time.GetUtcNow());
        var justBefore = await GetJson("/api/lunar/voc/status");
        Time.Advance(TimeSpan.FromTicks(1));
        using var atHorizon = await Client.GetAsync("/api/lunar/voc/status");
        var atHorizonBody = await ReadJson(atHorizon);

        Assert.That(before["upcoming"]!.AsArray(), Is.Empty);
        Assert.That(justBefore["upcoming"]!.AsArray(), Is.Empty);
        Assert.That(atHorizon.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"));
        Assert.That(atHorizonBody["upcoming"]!.AsArray().Select(w => Text(w!["source"])), Is.EqualTo(new[] { "far" }));
    }

    [Test]
    public async Task A_save_is_visible_to_the_next_read()
    {
        await GetJson("/api/lunar/voc/status");

        await PostWindow(Noon.AddHours(-1), Noon.AddHours(1), "new");
        var status = await GetJson("/api/lunar/voc/status");

        Assert.That(status["is_voc"]!.GetValue<bool>(), Is.True);
        Assert.That(Text(status["current"]!["source"]), Is.EqualTo("new"));
    }
}
