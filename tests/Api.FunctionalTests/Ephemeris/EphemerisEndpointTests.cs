using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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

        var expected = new BuiltInEphemeris().VoidWindows(
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
    [TestCase("from=9995-01-01&to=9996-01-01", "to")]
    [TestCase("from=9999-12-31&to=9999-12-31T12:00:00Z", "to")]
    public Task A_bad_query_is_a_400_naming_the_parameter(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/voc/ephemeris?{query}", field);

    // Answered by slicing calendar-year chunks: the windows of computing the range itself, across New Year too.
    // Root finding starts from a grid laid from the computed span's start, so instants may differ by a
    // second from a computation over another span — well inside the ephemeris's accuracy (a few seconds).
    [TestCase("2024-12-30T07:13:00Z", "2025-01-03T00:00:00Z")]
    [TestCase("2025-12-31T23:59:59Z", "2026-01-01T00:00:01Z")]
    [TestCase("2023-06-15T00:00:00Z", "2025-03-02T11:00:00Z")]
    [TestCase("1900-01-01T00:00:00Z", "1900-01-10T00:00:00Z")]
    [TestCase("2100-12-25T00:00:00Z", "2101-01-01T00:00:00Z")]
    public async Task Any_range_gives_the_windows_computed_for_exactly_that_range(string from, string to)
    {
        var body = await GetJson($"/api/lunar/voc/ephemeris?from={from}&to={to}");

        var expected = new BuiltInEphemeris().VoidWindows(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture), PlanetSet.Modern);
        var windows = body["windows"]!.AsArray();
        Assert.That(windows, Has.Count.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(Instant(windows[i]!["start_at"]), Is.EqualTo(expected[i].StartAt).Within(TimeSpan.FromSeconds(2)));
            Assert.That(Instant(windows[i]!["end_at"]), Is.EqualTo(expected[i].EndAt).Within(TimeSpan.FromSeconds(2)));
            Assert.That(Text(windows[i]!["sign"]), Is.EqualTo(expected[i].Details.Sign.ToString()));
            Assert.That(Text(windows[i]!["last_aspect"]?["planet"]), Is.EqualTo(expected[i].Details.LastAspect?.Planet.ToString()));
        }
    }

    [Test]
    public async Task A_window_is_the_same_to_the_second_whichever_range_asks_for_it()
    {
        var wide = await GetJson("/api/lunar/voc/ephemeris?from=2025-01-01&to=2026-01-01");
        var narrow = await GetJson("/api/lunar/voc/ephemeris?from=2025-06-10T13:17:00Z&to=2025-06-20T00:00:00Z");

        var wideWindows = wide["windows"]!.AsArray().Select(w => w!.ToJsonString()).ToList();
        Assert.That(narrow["windows"]!.AsArray().Select(w => w!.ToJsonString()), Is.SubsetOf(wideWindows).And.Not.Empty);
    }

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse(Text(node)!, CultureInfo.InvariantCulture);

    [Test]
    public async Task An_offset_written_with_an_unencoded_plus_is_understood()
    {
        var body = await GetJson("/api/lunar/voc/ephemeris?from=2025-01-01T01:00:00+01:00&to=2025-01-03T00:00:00Z");

        Assert.That(Text(body["from"]), Is.EqualTo("2025-01-01T00:00:00Z"));
    }
}
