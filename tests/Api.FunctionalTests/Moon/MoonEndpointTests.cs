using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Api.FunctionalTests.Moon;

/// <summary>The Moon now or at an instant, its phases over a range, and the phases in the calendar feed.</summary>
[TestFixture]
public sealed class MoonEndpointTests : VocEndpointTestBase
{
    private static readonly BuiltInEphemeris Ephemeris = new();

    private static LunarPhase NextPhase(DateTimeOffset after, MoonPhase phase) =>
        Ephemeris.Phases(new DateTimeOffset(after.Year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(after.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .First(p => p.Phase == phase && p.At > after);

    [Test]
    public async Task Now_is_the_moon_at_the_current_minute_as_the_ephemeris_has_it()
    {
        Time.Advance(TimeSpan.FromSeconds(37));
        using var response = await Client.GetAsync("/api/lunar/moon");
        var body = await ReadJson(response);

        var sky = Ephemeris.MoonAndSunAt(Noon);
        var windows = Ephemeris.VoidWindows(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), PlanetSet.Modern);
        var ending = windows.First(window => window.EndAt > Noon);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Text(body["at"]), Is.EqualTo(Iso(Noon)), "the start of the minute");
        Assert.That(body["longitude"]!.GetValue<double>(), Is.EqualTo(sky.MoonLongitude).Within(1e-5));
        Assert.That(Text(body["sign"]), Is.EqualTo(sky.Sign.ToString()));
        Assert.That(body["degree"]!.GetValue<double>(), Is.EqualTo(sky.DegreeInSign).Within(1e-5));
        Assert.That(body["illumination"]!.GetValue<double>(), Is.EqualTo(sky.IlluminatedFraction).Within(1e-4));
        Assert.That(Text(body["phase"]), Is.EqualTo(Wire(sky.Phase)));
        Assert.That(Text(body["next_full_moon"]), Is.EqualTo(Iso(NextPhase(Noon, MoonPhase.FullMoon).At)));
        Assert.That(Text(body["next_new_moon"]), Is.EqualTo(Iso(NextPhase(Noon, MoonPhase.NewMoon).At)));
        Assert.That(Text(body["next_ingress"]!["at"]), Is.EqualTo(Iso(ending.EndAt)));
        Assert.That(Text(body["next_ingress"]!["sign"]), Is.EqualTo(ending.Details.NextSign.ToString()));
        Assert.That(Text(body["void"]?["start_at"]), Is.EqualTo(ending.StartAt <= Noon ? Iso(ending.StartAt) : null));
        Assert.That(body["age_days"]!.GetValue<double>(), Is.InRange(0, 29.6));
        Assert.That(response.Headers.ETag, Is.Not.Null);
        Assert.That(response.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(23)), "until the next minute");
    }

    [Test]
    public async Task Near_a_phase_the_answer_is_kept_no_longer_than_until_it_and_then_names_it()
    {
        var fullMoon = NextPhase(Noon, MoonPhase.FullMoon).At;
        var minute = new DateTimeOffset(fullMoon.UtcTicks - (fullMoon.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        Time.Advance(minute - Time.GetUtcNow());
        using var before = await Client.GetAsync("/api/lunar/moon");
        Time.Advance(fullMoon - Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        using var after = await Client.GetAsync("/api/lunar/moon");
        var afterBody = await ReadJson(after);

        Assert.That(before.Headers.CacheControl!.MaxAge, Is.LessThanOrEqualTo(fullMoon - minute), "never past the full Moon");
        Assert.That(Text(afterBody["at"]), Is.EqualTo(Iso(fullMoon)), "described at the change within the minute");
        Assert.That(Text(afterBody["phase"]), Is.EqualTo("full_moon"));
        Assert.That(Text(afterBody["next_full_moon"]), Is.Not.EqualTo(Iso(fullMoon)), "the next one, a month on");
    }

    [Test]
    public async Task An_instant_asked_for_is_described_for_good_and_in_a_time_zone_too()
    {
        var body = await GetJson("/api/lunar/moon?at=2026-01-03T10:02:56Z&tz=Europe/Paris");
        using var response = await Client.GetAsync("/api/lunar/moon?at=2026-01-03T10:02:56Z");

        Assert.That(Text(body["at"]), Is.EqualTo("2026-01-03T10:02:56Z"));
        Assert.That(Text(body["at_local"]), Is.EqualTo("2026-01-03T11:02:56+01:00"));
        Assert.That(Text(body["phase"]), Is.EqualTo("full_moon"));
        Assert.That(body["illumination"]!.GetValue<double>(), Is.GreaterThan(0.99));
        Assert.That(Text(body["next_ingress"]!["at_local"]), Is.Not.Null);
        Assert.That(response.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [TestCase("1900-01-01T00:00:00Z")]
    [TestCase("2100-12-31T23:59:59Z")]
    public async Task The_ends_of_the_range_are_described_with_the_phases_beyond_them(string at)
    {
        var body = await GetJson($"/api/lunar/moon?at={at}");

        var instant = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        Assert.That(DateTimeOffset.Parse(Text(body["previous_new_moon"])!, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(instant));
        Assert.That(DateTimeOffset.Parse(Text(body["next_new_moon"])!, CultureInfo.InvariantCulture), Is.GreaterThan(instant));
        Assert.That(DateTimeOffset.Parse(Text(body["next_ingress"]!["at"])!, CultureInfo.InvariantCulture), Is.GreaterThan(instant));
    }

    [Test]
    public async Task A_client_with_the_current_answer_gets_304()
    {
        using var first = await Client.GetAsync("/api/lunar/moon");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/moon");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await Client.SendAsync(request);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(first.Headers.GetValues("X-Cache").Single(), Is.EqualTo("MISS"));
        Assert.That(again.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"), "the report of this minute, from the cache");
    }

    [Test]
    public async Task Instants_asked_for_are_not_cached_so_distinct_ones_hold_no_memory()
    {
        for (var i = 0; i < 50; i++)
        {
            using var response = await Client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/lunar/moon?at=2030-05-01T00:00:{i:00}Z"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var afterInstants = await GetJson("/api/lunar/voc/cache_stats");
        using var now = await Client.GetAsync("/api/lunar/moon");
        var afterNow = await GetJson("/api/lunar/voc/cache_stats");

        Assert.That(afterInstants["moon_now"]!["misses"]!.GetValue<long>(), Is.Zero, "fifty instants asked for, none cached");
        Assert.That(afterNow["moon_now"]!["misses"]!.GetValue<long>(), Is.EqualTo(1), "now is");
    }

    [Test]
    public async Task Computing_the_moon_is_not_worth_a_line_in_the_log()
    {
        using var now = await Client.GetAsync("/api/lunar/moon");
        using var instant = await Client.GetAsync("/api/lunar/moon?at=2044-02-02T00:00:00Z");

        var lines = Factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(e => e.Message).ToList();
        Assert.That(now.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines, Has.None.Contains("moon").And.None.Contains("ephemeris:"), "years of phases and windows and the Moon now are computed, not read from the store");
    }

    [TestCase("at=1899-12-31T23:59:59Z", "at")]
    [TestCase("at=2101-01-01", "at")]
    [TestCase("at=tomorrow", "at")]
    [TestCase("at=2026-01-03T10:00:00", "at")]
    [TestCase("tz=Mars/Olympus", "tz")]
    public Task A_bad_parameter_is_a_400_naming_it(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/moon?{query}", field);

    [Test]
    public async Task The_principal_phases_of_a_range_are_those_of_the_ephemeris()
    {
        var body = await GetJson("/api/lunar/moon/phases?from=2026-01-01&to=2026-02-01&tz=America/New_York");

        var expected = Ephemeris.Phases(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Where(phase => phase.At.Month == 1 && phase.At.Year == 2026)
            .ToList();
        var phases = body["phases"]!.AsArray();
        Assert.That(phases.Select(p => Text(p!["phase"])), Is.EqualTo(new[] { "full_moon", "last_quarter", "new_moon", "first_quarter" }));
        Assert.That(phases.Select(p => Text(p!["at"])), Is.EqualTo(expected.Select(phase => Iso(phase.At))));
        Assert.That(Text(phases[0]!["at_local"]), Does.EndWith("-05:00"));
    }

    [TestCase("to=2026-02-01", "from")]
    [TestCase("from=2026-01-01", "to")]
    [TestCase("from=2026-02-01&to=2026-01-01", "to")]
    [TestCase("from=2026-01-01&to=2036-01-02", "to")]
    [TestCase("from=1899-06-01&to=1900-02-01", "from")]
    [TestCase("from=2100-12-01&to=2101-01-02", "to")]
    public Task A_bad_range_of_phases_is_a_400_naming_the_parameter(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/moon/phases?{query}", field);

    [Test]
    public async Task The_calendar_feed_carries_the_phases_when_asked()
    {
        var plain = Ical.Net.Calendar.Load(await Client.GetStringAsync("/api/lunar/voc/calendar.ics?days=60"))!;
        var text = await Client.GetStringAsync("/api/lunar/voc/calendar.ics?days=60&include=phases");
        var withPhases = Ical.Net.Calendar.Load(text)!;

        var today = new DateTimeOffset(Noon.UtcDateTime.Date, TimeSpan.Zero);
        var expected = Ephemeris.Phases(today, today.AddDays(60));
        var phaseEvents = withPhases.Events.Where(e => e.Summary!.EndsWith("Moon", StringComparison.Ordinal)).OrderBy(e => e.Start!.AsUtc).ToList();
        Assert.That(withPhases.Events, Has.Count.EqualTo(plain.Events.Count + expected.Length));
        Assert.That(phaseEvents.Select(e => e.Start!.AsUtc), Is.EqualTo(expected.Select(phase => phase.At.UtcDateTime)).Within(TimeSpan.FromSeconds(1)));
        Assert.That(phaseEvents.Select(e => e.Summary), Has.Some.EqualTo("Full Moon"));
        Assert.That(withPhases.Events.Select(e => e.Uid), Is.Unique);
        Assert.That(text.Split("DTEND").Length - 1, Is.EqualTo(plain.Events.Count), "a phase is an instant: no DTEND equal to its start (RFC 5545)");
        Assert.That(text, Does.Contain("X-WR-CALNAME:Moon void of course and phases"));
    }

    [Test]
    public Task Include_names_what_a_feed_may_carry() =>
        AssertBadRequestNaming("/api/lunar/voc/calendar.ics?include=eclipses", "include");

    private static string Wire(MoonPhase phase) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(phase.ToString());
}
