using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Infrastructure.UnitTests.Ephemeris;

/// <summary>
/// The Moon against the Swiss Ephemeris (Moshier mode): the principal phases of six years across
/// 1900–2100 found by its own root search, and the Moon's longitude and illuminated fraction
/// (swe_pheno) at 120 instants spread over the range. Fixtures: bench/ephemeris/sweph-moon.mjs.
/// </summary>
public sealed class MoonAccuracyTests
{
    private static readonly BuiltInEphemeris Ephemeris = new();

    private static string Reference(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Ephemeris", "Reference", file);

    private static IEnumerable<int> PhaseYears() =>
        File.ReadLines(Reference("moon-phases.sweph.jsonl")).Select(line => JsonSerializer.Deserialize<Phase>(line)!.At.Year).Distinct();

    [TestCaseSource(nameof(PhaseYears))]
    public void Every_principal_phase_of_the_year_is_within_ten_seconds_and_the_median_within_three(int year)
    {
        var expected = File.ReadLines(Reference("moon-phases.sweph.jsonl"))
            .Select(line => JsonSerializer.Deserialize<Phase>(line)!)
            .Where(phase => phase.At.Year == year)
            .ToList();

        var computed = Ephemeris.Phases(new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.That(computed.Select(phase => Wire(phase.Phase)), Is.EqualTo(expected.Select(phase => phase.Name)), "the same phases, in the same order");
        var errors = computed.Zip(expected, (mine, theirs) => Math.Abs((mine.At - theirs.At).TotalSeconds)).Order().ToList();
        TestContext.Out.WriteLine($"{year}: {errors.Count} phases, worst {errors[^1]:F2} s, median {errors[errors.Count / 2]:F2} s");
        Assert.That(errors[^1], Is.LessThanOrEqualTo(10), $"worst of {errors.Count}");
        Assert.That(errors[errors.Count / 2], Is.LessThanOrEqualTo(3), "median");
    }

    [TestCase("2026-01-03T10:03Z", MoonPhase.FullMoon)]
    [TestCase("2026-01-18T19:52Z", MoonPhase.NewMoon)]
    public void Published_phase_times_agree_to_the_minute(string published, MoonPhase phase)
    {
        var minute = DateTimeOffset.Parse(published, CultureInfo.InvariantCulture);

        var found = Ephemeris.Phases(minute.AddDays(-1), minute.AddDays(1)).Single(p => p.Phase == phase);

        Assert.That(found.At.AddSeconds(30), Is.InRange(minute, minute.AddMinutes(1).AddTicks(-1)), "rounded to the minute");
    }

    private static IEnumerable<TestCaseData> Positions() =>
        File.ReadLines(Reference("moon-positions.sweph.jsonl"))
            .Select(line => JsonSerializer.Deserialize<Position>(line)!)
            .Select(position => new TestCaseData(position.Utc, position.Longitude, position.Illumination).SetName($"The Moon at {position.Utc}"));

    [TestCaseSource(nameof(Positions))]
    public void Longitude_within_two_arcseconds_and_illumination_within_a_thousandth(string utc, double longitude, double illumination)
    {
        var sky = Ephemeris.MoonAndSunAt(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        var arcseconds = Math.Abs(Degrees.Relative(sky.MoonLongitude - longitude)) * 3600;
        TestContext.Out.WriteLine($"longitude {arcseconds:F3}\" illumination {Math.Abs(sky.IlluminatedFraction - illumination):F5}");
        Assert.That(arcseconds, Is.LessThanOrEqualTo(2.0), "arcseconds");
        Assert.That(sky.IlluminatedFraction, Is.EqualTo(illumination).Within(0.001));
    }

    private static string Wire(MoonPhase phase) => JsonNamingPolicy.SnakeCaseLower.ConvertName(phase.ToString());

    private sealed record Phase([property: JsonPropertyName("phase")] string Name, [property: JsonPropertyName("utc")] DateTimeOffset At);

    private sealed record Position(
        [property: JsonPropertyName("utc")] string Utc,
        [property: JsonPropertyName("longitude")] double Longitude,
        [property: JsonPropertyName("illumination")] double Illumination);
}
