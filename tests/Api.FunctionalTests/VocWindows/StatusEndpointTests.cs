namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class StatusEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task An_empty_table_reports_not_void_with_nothing_next()
    {
        var status = await GetJson("/api/lunar/voc/status");

        Assert.That(status["is_voc"]!.GetValue<bool>(), Is.False);
        Assert.That(status["current"], Is.Null);
        Assert.That(status["next"], Is.Null);
        Assert.That(status["upcoming"]!.AsArray(), Is.Empty);
        Assert.That(status["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(Text(status["as_of"]), Is.EqualTo("2026-11-24T12:00:00Z"));
    }

    [Test]
    public async Task Inside_a_window_status_and_current_report_it_with_snake_case_fields()
    {
        await PostWindow(Noon.AddHours(-1), Noon.AddHours(2), "ephemeris");

        var status = await GetJson("/api/lunar/voc/status");
        var current = await GetJson("/api/lunar/voc/current");

        Assert.That(status["is_voc"]!.GetValue<bool>(), Is.True);
        Assert.That(Text(status["current"]!["start_at"]), Is.EqualTo("2026-11-24T11:00:00Z"));
        Assert.That(Text(status["current"]!["end_at"]), Is.EqualTo("2026-11-24T14:00:00Z"));
        Assert.That(Text(status["current"]!["source"]), Is.EqualTo("ephemeris"));
        Assert.That(status["current"]!["id"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(current["is_voc"]!.GetValue<bool>(), Is.True);
        Assert.That(Text(current["current"]!["end_at"]), Is.EqualTo("2026-11-24T14:00:00Z"));
        Assert.That(current.Select(p => p.Key), Is.EquivalentTo(new[] { "is_voc", "current", "as_of", "stale" }));
    }

    [Test]
    public async Task At_the_exact_end_of_a_window_the_moon_is_no_longer_void()
    {
        await PostWindow(Noon.AddHours(-2), Noon);

        var status = await GetJson("/api/lunar/voc/status");
        var current = await GetJson("/api/lunar/voc/current");

        Assert.That(status["is_voc"]!.GetValue<bool>(), Is.False);
        Assert.That(current["is_voc"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task At_the_exact_start_of_a_window_the_moon_is_void()
    {
        await PostWindow(Noon, Noon.AddHours(2));

        var current = await GetJson("/api/lunar/voc/current");

        Assert.That(current["is_voc"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Next_is_reported_even_beyond_48_hours_and_upcoming_stays_within_48_hours()
    {
        await PostWindow(Noon.AddHours(30), Noon.AddHours(31), "soon");
        await PostWindow(Noon.AddHours(10), Noon.AddHours(11), "sooner");
        await PostWindow(Noon.AddHours(300), Noon.AddHours(301), "far");

        var status = await GetJson("/api/lunar/voc/status");

        Assert.That(Text(status["next"]!["source"]), Is.EqualTo("sooner"));
        Assert.That(status["upcoming"]!.AsArray().Select(w => Text(w!["source"])), Is.EqualTo(new[] { "sooner", "soon" }));
    }

    [Test]
    public async Task Next_is_found_when_it_is_days_away()
    {
        await PostWindow(Noon.AddDays(20), Noon.AddDays(20).AddHours(5), "far");

        var status = await GetJson("/api/lunar/voc/status");

        Assert.That(Text(status["next"]!["source"]), Is.EqualTo("far"));
        Assert.That(status["upcoming"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Status_has_exactly_the_contract_fields()
    {
        var status = await GetJson("/api/lunar/voc/status");

        Assert.That(status.Select(p => p.Key), Is.EquivalentTo(new[] { "is_voc", "current", "next", "upcoming", "as_of", "stale" }));
    }

    [Test]
    public async Task Cache_stats_reports_both_caches_with_their_ttls()
    {
        var stats = await GetJson("/api/lunar/voc/cache_stats");

        Assert.That(stats["voc_status"]!["ttl"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That(stats["voc_current"]!["ttl"]!.GetValue<int>(), Is.EqualTo(60));
        Assert.That(stats["voc_status"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "has_data", "age_seconds", "ttl" }));
    }
}
