using System.Text.Json;
using System.Text.Json.Serialization;
using LunarVoc.Domain.Sky;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Infrastructure.UnitTests.Ephemeris;

/// <summary>
/// Moonrise, moonset and culmination for places against the Swiss Ephemeris' rise_trans (Moshier
/// mode, the same convention: upper limb, 34′ of refraction, topocentric) over 2026–2027: every
/// event within 10 s up to ±60°, and the same events, so the same days without a rise or a set, up
/// to ±72°. Fixture: bench/ephemeris/sweph-moon-sky.mjs.
/// </summary>
public sealed class MoonSkyAccuracyTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2028, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<MoonTracks> Tracks = new(() => TracksFor(From, Until));

    private static string Reference(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Ephemeris", "Reference", file);

    private static IEnumerable<TestCaseData> Places() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Ephemeris", "Reference", "moon-sky-2026-2027.sweph.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ReferencePlace>(line)!)
            .Select(place => new TestCaseData(place).SetName($"{place.Name} ({place.Lat:F1}°)"));

    [TestCaseSource(nameof(Places))]
    public void Every_rise_set_and_culmination_matches_the_swiss_ephemeris(ReferencePlace reference)
    {
        var place = new Place(reference.Lat, reference.Lon, 0);
        var start = Domain.Astrology.UnixSeconds.Of(From);
        var end = Domain.Astrology.UnixSeconds.Of(Until);
        var events = MoonSky.Events(Tracks.Value, place, Horizon.Reference, start, end);

        var report = new List<string>();
        var worst = 0.0;
        var errors = new List<double>();
        foreach (var (kind, expected) in new[] { (SkyEventKind.Rise, reference.Rise), (SkyEventKind.Set, reference.Set), (SkyEventKind.Culmination, reference.Culmination) })
        {
            var found = events.Where(e => e.Kind == kind).Select(e => e.At).ToList();
            var unmatched = expected.Where(at => !found.Any(mine => Math.Abs(mine - at) <= 120)).ToList();
            var extra = found.Where(mine => !expected.Any(at => Math.Abs(mine - at) <= 120)).ToList();
            report.AddRange(unmatched.Select(at => $"{kind} at {DateTimeOffset.FromUnixTimeSeconds((long)at):u} not found"));
            report.AddRange(extra.Select(at => $"{kind} at {DateTimeOffset.FromUnixTimeSeconds((long)at):u} not in the reference"));
            foreach (var at in expected.Except(unmatched))
            {
                var error = found.Min(mine => Math.Abs(mine - at));
                errors.Add(error);
                worst = Math.Max(worst, error);
            }
        }

        errors.Sort();
        TestContext.Out.WriteLine($"{reference.Name}: {errors.Count} events, worst {worst:F1} s, median {errors[errors.Count / 2]:F1} s");
        Assert.That(report, Is.Empty, "the same rises, sets and culminations");
        if (Math.Abs(reference.Lat) <= 60)
        {
            Assert.That(worst, Is.LessThanOrEqualTo(10), "worst, seconds");
        }
    }

    internal static MoonTracks TracksFor(DateTimeOffset from, DateTimeOffset until)
    {
        var ephemeris = new BuiltInEphemeris();
        var tracks = new List<MoonTrack>();
        for (var month = from.AddMonths(-1); month <= until; month = month.AddMonths(1))
        {
            tracks.Add(ephemeris.MoonTrack(month.AddDays(-1), month.AddMonths(1).AddDays(1)));
        }

        return new MoonTracks(tracks);
    }

    public sealed record ReferencePlace(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("lat")] double Lat,
        [property: JsonPropertyName("lon")] double Lon,
        [property: JsonPropertyName("rise")] double[] Rise,
        [property: JsonPropertyName("set")] double[] Set,
        [property: JsonPropertyName("culmination")] double[] Culmination)
    {
        public override string ToString() => Name;
    }
}
