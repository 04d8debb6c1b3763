using System.Net;
using Ical.Net;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Api.FunctionalTests.Frontends;

[TestFixture]
public sealed class CalendarFeedTests : VocEndpointTestBase
{
    [Test]
    public async Task The_feed_parses_and_has_one_titled_event_per_window_with_the_last_aspect()
    {
        using var response = await Client.GetAsync("/api/lunar/voc/calendar.ics?days=30");
        var text = await response.Content.ReadAsStringAsync();

        var calendar = Calendar.Load(text)!;
        var today = new DateTimeOffset(Noon.UtcDateTime.Date, TimeSpan.Zero);
        var expected = new BuiltInEphemeris().VoidWindows(today, today.AddDays(30), PlanetSet.Modern);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        Assert.That(calendar.Events, Has.Count.EqualTo(expected.Length));
        var first = calendar.Events.OrderBy(e => e.Start!.AsUtc).First();
        Assert.That(first.Summary, Is.EqualTo($"Moon void of course in {expected[0].Details.Sign}"));
        Assert.That(first.Start!.AsUtc, Is.EqualTo(expected[0].StartAt.UtcDateTime));
        Assert.That(first.End!.AsUtc, Is.EqualTo(expected[0].EndAt.UtcDateTime));
        Assert.That(first.Description, Does.Contain(expected[0].Details.LastAspect!.Planet.ToString()));
        Assert.That(calendar.Events.Select(e => e.Uid), Is.Unique);
    }

    [Test]
    public async Task The_feed_agrees_with_status_stored_windows_up_to_the_last_of_them_computed_beyond()
    {
        var today = new DateTimeOffset(Noon.UtcDateTime.Date, TimeSpan.Zero);
        var computed = new BuiltInEphemeris().VoidWindows(today, today.AddDays(30), PlanetSet.Modern);
        // A provider's window, stored, ending after the first few computed ones: the stored horizon.
        var horizon = computed[3].EndAt;
        using var posted = await PostWindow(horizon.AddHours(-5), horizon, "almanac");
        var status = await GetJson("/api/lunar/voc/status");

        var calendar = Calendar.Load(await Client.GetStringAsync("/api/lunar/voc/calendar.ics?days=30"))!;
        var events = calendar.Events.OrderBy(e => e.Start!.AsUtc).ToList();

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(events[0].Start!.AsUtc, Is.EqualTo(horizon.AddHours(-5).UtcDateTime), "only the stored window before the horizon, as /status has it");
        Assert.That(events[0].Description, Does.Contain("almanac"));
        Assert.That(Text(status["next"]!["start_at"]), Is.EqualTo(Iso(horizon.AddHours(-5))));
        Assert.That(events.Skip(1).Select(e => e.Start!.AsUtc), Is.EqualTo(computed.Where(w => w.StartAt >= horizon).Select(w => ToSecond(w.StartAt))).Within(TimeSpan.FromSeconds(1)),
            "computed beyond it (iCalendar: to the second; the feed's windows are computed by calendar year, here from today)");
        Assert.That(events[0].Uid, Is.EqualTo(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"voc-{horizon.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-modern@lunarvoc")), "the same UID as the computed window ending at the same ingress");
    }

    private static DateTime ToSecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    [Test]
    public async Task Uids_are_stable_so_calendars_update_events_instead_of_duplicating_them()
    {
        var shorter = Calendar.Load(await Client.GetStringAsync("/api/lunar/voc/calendar.ics?days=10"))!;
        Time.Advance(TimeSpan.FromDays(1));
        var later = Calendar.Load(await Client.GetStringAsync("/api/lunar/voc/calendar.ics?days=20"))!;

        var shared = shorter.Events.Where(e => e.Start!.AsUtc >= Noon.UtcDateTime.Date.AddDays(1)).Select(e => e.Uid).ToList();
        Assert.That(shared, Is.Not.Empty);
        Assert.That(later.Events.Select(e => e.Uid), Is.SupersetOf(shared));
    }

    [TestCase("days=0", "days")]
    [TestCase("days=367", "days")]
    [TestCase("days=soon", "days")]
    [TestCase("planets=ancient", "planets")]
    public Task A_bad_parameter_is_a_400_naming_it(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/voc/calendar.ics?{query}", field);
}
