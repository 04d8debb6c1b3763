using System.Net;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.VocWindows;

namespace LunarVoc.Api.FunctionalTests.Moon;

/// <summary>The Moon for a place over HTTP: the days asked for, the Moon now, the edge cases and the refusals.</summary>
[TestFixture]
public sealed class MoonSkyEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task With_no_day_asked_it_gives_today_and_the_moon_now_for_the_place()
    {
        using var response = await Client.GetAsync("/api/lunar/moon/sky?lat=48.8566&lon=2.3522&tz=Europe/Paris");
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var day = body["days"]!.AsArray().Single()!;
        Assert.That(Text(day["date"]), Is.EqualTo("2026-11-24"));
        Assert.That(Text(day["start"]), Is.EqualTo("2026-11-23T23:00:00Z"), "local midnight");
        Assert.That(Text(body["time_zone"]), Is.EqualTo("Europe/Paris"));
        Assert.That(Text(body["convention"]!["limb"]), Is.EqualTo("upper"));
        Assert.That(body["convention"]!["topocentric"]!.GetValue<bool>(), Is.True);
        var now = body["now"]!;
        Assert.That(Text(now["at"]), Is.EqualTo(Iso(Noon)));
        Assert.That(now["above_horizon"]!.GetValue<bool>(), Is.EqualTo(now["altitude"]!.GetValue<double>() > -0.8));
        Assert.That(DateTimeOffset.Parse(Text(now["next_rise"]!["at"])!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(Noon));
        Assert.That(DateTimeOffset.Parse(Text(now["next_set"]!["at"])!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(Noon));
        Assert.That(Text(day["rise"]!["at_local"]), Does.EndWith("+01:00"));
    }

    [Test]
    public async Task A_range_gives_each_local_day_with_its_rise_set_and_culmination_and_no_moon_now()
    {
        using var response = await Client.GetAsync("/api/lunar/moon/sky?lat=40.7128&lon=-74.006&from=2026-03-01&to=2026-03-31&tz=America/New_York");
        var body = await ReadJson(response);

        var days = body["days"]!.AsArray();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["now"], Is.Null);
        Assert.That(days, Has.Count.EqualTo(31));
        var clocksChange = days.Single(d => Text(d!["date"]) == "2026-03-08")!;
        var hours = (DateTimeOffset.Parse(Text(clocksChange["end"])!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(Text(clocksChange["start"])!, System.Globalization.CultureInfo.InvariantCulture)).TotalHours;
        Assert.That(hours, Is.EqualTo(23), "the day the clocks go forward");
        foreach (var day in days)
        {
            Assert.That(day!["rise"] is null, Is.EqualTo(Text(day["no_rise"]) is not null), Text(day["date"]));
            Assert.That(day["set"] is null, Is.EqualTo(Text(day["no_set"]) is not null), Text(day["date"]));
        }

        Assert.That(days.Count(d => d!["rise"] is null), Is.InRange(1, 2), "about one day a month without a rise");
        Assert.That(days.Where(d => d!["rise"] is null).Select(d => Text(d!["no_rise"])), Is.All.EqualTo("none_that_day"));
    }

    [Test]
    public async Task Far_north_a_day_may_have_no_rise_and_no_set_and_says_why()
    {
        using var response = await Client.GetAsync("/api/lunar/moon/sky?lat=78.22&lon=15.65&from=2026-01-01&to=2026-01-31");
        var days = (await ReadJson(response))["days"]!.AsArray();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(days.Select(d => Text(d!["no_rise"])), Does.Contain("always_above"));
        Assert.That(days.Select(d => Text(d!["no_rise"])), Does.Contain("always_below"));
    }

    [Test]
    public async Task A_date_the_zone_skipped_has_no_day_and_no_day_is_empty()
    {
        using var response = await Client.GetAsync("/api/lunar/moon/sky?lat=-13.8&lon=-171.8&from=2011-12-28&to=2011-12-31&tz=Pacific/Apia");
        var days = (await ReadJson(response))["days"]!.AsArray();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(days.Select(d => Text(d!["date"])), Does.Not.Contain("2011-12-30"), "Samoa went from the 29th to the 31st");
        Assert.That(days.Select(d => Text(d!["start"])), Is.Unique);
        Assert.That(days.Select(d => Text(d!["start"])), Is.All.Not.EqualTo(null));
    }

    [TestCase("lat=91&lon=0", "lat")]
    [TestCase("lat=45&lon=-181", "lon")]
    [TestCase("lat=abc&lon=0", "lat")]
    [TestCase("lat=NaN&lon=0", "lat")]
    [TestCase("lon=0", "lat")]
    [TestCase("lat=45&lon=0&elevation=20000", "elevation")]
    [TestCase("lat=45&lon=0&date=2026-02-30", "date")]
    [TestCase("lat=45&lon=0&date=2026-01-01&from=2026-01-01", "date")]
    [TestCase("lat=45&lon=0&from=2026-01-01&to=2027-01-02", "to")]
    [TestCase("lat=45&lon=0&to=2026-01-02", "to")]
    [TestCase("lat=45&lon=0&from=2026-01-02&to=2026-01-01", "to")]
    [TestCase("lat=45&lon=0&date=1899-12-31", "date")]
    [TestCase("lat=45&lon=0&limb=lower", "limb")]
    [TestCase("lat=45&lon=0&tz=Mars/Olympus", "tz")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await Client.GetAsync($"/api/lunar/moon/sky?{query}");
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
    }

    [Test]
    public async Task The_disc_centre_without_refraction_rises_later_than_the_upper_limb_with_it()
    {
        async Task<DateTimeOffset> RiseAsync(string convention)
        {
            using var response = await Client.GetAsync($"/api/lunar/moon/sky?lat=48.8566&lon=2.3522&date=2026-11-24{convention}");
            return DateTimeOffset.Parse(Text((await ReadJson(response))["days"]![0]!["rise"]!["at"])!, System.Globalization.CultureInfo.InvariantCulture);
        }

        var reference = await RiseAsync("");
        var geometric = await RiseAsync("&limb=center&refraction=none");

        Assert.That((geometric - reference).TotalMinutes, Is.InRange(2, 8), "about 50′ of altitude later");
    }
}
