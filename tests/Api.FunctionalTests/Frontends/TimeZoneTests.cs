using System.Net;
using LunarVoc.Api.FunctionalTests.VocWindows;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>?tz= adds local times with their offset to every window; UTC fields never change.</summary>
[TestFixture]
public sealed class TimeZoneTests : VocEndpointTestBase
{
    [Test]
    public async Task Windows_get_local_times_in_the_zone_asked_for_and_keep_their_utc_fields()
    {
        using var _ = await PostWindow(Noon.AddHours(-1), Noon.AddHours(2));

        var utc = await GetJson("/api/lunar/voc/status");
        var paris = await GetJson("/api/lunar/voc/status?tz=Europe/Paris");
        var newYork = await GetJson("/api/lunar/voc/current?tz=America/New_York");

        Assert.That(utc["current"]!.AsObject().ContainsKey("start_local"), Is.False);
        Assert.That(Text(paris["current"]!["start_at"]), Is.EqualTo(Text(utc["current"]!["start_at"])));
        Assert.That(Text(paris["current"]!["start_local"]), Is.EqualTo("2026-11-24T12:00:00+01:00"));
        Assert.That(Text(paris["current"]!["end_local"]), Is.EqualTo("2026-11-24T15:00:00+01:00"));
        Assert.That(Text(newYork["current"]!["start_local"]), Is.EqualTo("2026-11-24T06:00:00-05:00"));
    }

    [TestCase("/api/lunar/voc/windows?from=2026-07-01&to=2026-07-02&tz=Europe/Paris")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-07-01&to=2026-07-04&tz=Europe/Paris")]
    public async Task Summer_time_gives_the_summer_offset(string path)
    {
        using var _ = await PostWindow(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero));

        var body = await GetJson(path);

        Assert.That(Text(body["windows"]![0]!["start_local"]), Does.EndWith("+02:00"));
    }

    [TestCase("/api/lunar/voc/status?tz=Mars/Olympus_Mons")]
    [TestCase("/api/lunar/voc/current?tz=")]
    [TestCase("/api/lunar/voc/windows?from=2026-07-01&to=2026-07-02&tz=../../etc/passwd")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-07-01&to=2026-07-02&tz=Paris")]
    public Task An_unknown_zone_is_a_400_naming_tz(string path) =>
        AssertBadRequestNaming(path, "tz");

    // The system resolves these spellings too, and would keep each one it resolved for ever.
    [TestCase("Europe//Paris")]
    [TestCase("Europe///Paris")]
    [TestCase("/Europe/Paris")]
    [TestCase("Europe/Paris/")]
    [TestCase("./Europe/Paris")]
    [TestCase("posix/Europe/Paris")]
    [TestCase("right/Europe/Paris")]
    [TestCase("Europe/Paris%00")]
    [TestCase("europe/paris")]
    [TestCase("localtime")]
    [TestCase("posixrules")]
    [TestCase("Factory")]
    public Task A_spelling_that_is_not_the_iana_name_is_a_400(string zone) =>
        AssertBadRequestNaming($"/api/lunar/voc/status?tz={zone}", "tz");

    [TestCase("Europe/Paris", "+01:00")]
    [TestCase("America/Argentina/Buenos_Aires", "-03:00")]
    [TestCase("Etc/GMT-14", "+14:00")]
    [TestCase("UTC", "+00:00")]
    public async Task Iana_names_are_accepted(string zone, string offset)
    {
        using var _ = await PostWindow(Noon.AddHours(-1), Noon.AddHours(2));

        var body = await GetJson($"/api/lunar/voc/current?tz={Uri.EscapeDataString(zone)}");

        Assert.That(Text(body["current"]!["start_local"]), Does.EndWith(offset));
    }
}
