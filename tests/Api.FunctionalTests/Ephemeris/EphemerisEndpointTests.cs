using System.Net;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Api.FunctionalTests.Ephemeris;

[TestFixture]
public sealed class EphemerisEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task Computes_the_windows_of_a_range_with_their_signs_and_last_aspects_without_storing_them()
    {
        var body = await GetJson("/api/lunar/voc/ephemeris?from=2025-01-01T00:00:00Z&to=2025-02-01");

        var expected = new VocCalculator().Compute(
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), PlanetSet.Modern);
        var windows = body["windows"]!.AsArray();
        Assert.That(Text(body["planets"]), Is.EqualTo("modern"));
        Assert.That(windows, Has.Count.EqualTo(expected.Length));
        Assert.That(Text(windows[0]!["start_at"]), Is.EqualTo(Iso(expected[0].StartAt)));
        Assert.That(Text(windows[0]!["sign"]), Is.EqualTo(expected[0].Details.Sign.ToString()));
        Assert.That(Text(windows[0]!["next_sign"]), Is.EqualTo(expected[0].Details.NextSign.ToString()));
        Assert.That(Text(windows[0]!["last_aspect"]!["aspect"]), Is.EqualTo(expected[0].Details.LastAspect!.Aspect.ToString().ToLowerInvariant()));
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task The_traditional_convention_only_counts_the_planets_to_saturn()
    {
        var body = await GetJson("/api/lunar/voc/ephemeris?from=2025-01-01&to=2025-07-01&planets=traditional");

        var planets = body["windows"]!.AsArray().Select(w => Text(w!["last_aspect"]?["planet"])).Where(p => p is not null).ToHashSet();
        Assert.That(Text(body["planets"]), Is.EqualTo("traditional"));
        Assert.That(planets, Is.SubsetOf(new[] { "Sun", "Mercury", "Venus", "Mars", "Jupiter", "Saturn" }));
    }

    [TestCase("to=2025-02-01", "from")]
    [TestCase("from=2025-01-01", "to")]
    [TestCase("from=yesterday&to=2025-02-01", "from")]
    [TestCase("from=2025-01-01T00:00:00&to=2025-02-01", "from")]
    [TestCase("from=2025-02-01&to=2025-01-01", "to")]
    [TestCase("from=2025-01-01&to=2035-01-02", "to")]
    [TestCase("from=1899-12-31&to=1900-02-01", "from")]
    [TestCase("from=2100-12-01&to=2101-01-02", "to")]
    [TestCase("from=2025-01-01&to=2025-02-01&planets=ancient", "planets")]
    public Task A_bad_query_is_a_400_naming_the_parameter(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/voc/ephemeris?{query}", field);

    [Test]
    public async Task An_offset_written_with_an_unencoded_plus_is_understood()
    {
        var body = await GetJson("/api/lunar/voc/ephemeris?from=2025-01-01T01:00:00+01:00&to=2025-01-03T00:00:00Z");

        Assert.That(Text(body["from"]), Is.EqualTo("2025-01-01T00:00:00Z"));
    }
}
