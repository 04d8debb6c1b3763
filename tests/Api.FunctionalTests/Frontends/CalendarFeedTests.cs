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
        var expected = new VocCalculator().Compute(today, today.AddDays(30), PlanetSet.Modern);
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
