using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Infrastructure.UnitTests.Ephemeris;

/// <summary>
/// Every computed window against the Swiss Ephemeris: same count, sign and last aspect, start and
/// end within 30 s, median within 5 s. Windows whose margin is under 60 s may legitimately start
/// from another aspect (an aspect a few seconds from the ingress can fall on either side of it).
/// </summary>
public sealed class BuiltInEphemerisWindowsAccuracyTests
{
    private const double MaximumSeconds = 30;
    private const double MedianSeconds = 5;
    private const double SmallMarginSeconds = 60;

    private static readonly object[] Cases =
    [
        new object[] { "voc-2024-2025-modern.jsonl", 2024, 2026, PlanetSet.Modern },
        new object[] { "voc-2024-2025-traditional.jsonl", 2024, 2026, PlanetSet.Traditional },
        new object[] { "voc-1900-modern.sweph.jsonl", 1900, 1901, PlanetSet.Modern },
        new object[] { "voc-1950-modern.sweph.jsonl", 1950, 1951, PlanetSet.Modern },
        new object[] { "voc-1950-traditional.sweph.jsonl", 1950, 1951, PlanetSet.Traditional },
        new object[] { "voc-2075-modern.sweph.jsonl", 2075, 2076, PlanetSet.Modern },
        new object[] { "voc-2100-modern.sweph.jsonl", 2100, 2101, PlanetSet.Modern },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Matches_the_swiss_ephemeris_window_by_window(string file, int fromYear, int untilYear, PlanetSet planets)
    {
        var reference = ReferenceWindow.Load(file);
        var computed = new BuiltInEphemeris().VoidWindows(YearStart(fromYear), YearStart(untilYear), planets);

        Assert.That(computed, Has.Length.EqualTo(reference.Count), "one window per ingress");
        var startErrors = new List<double>();
        var endErrors = new List<double>();
        for (var i = 0; i < reference.Count; i++)
        {
            var (expected, actual) = (reference[i], computed[i]);
            var label = $"window {i} ({DateTimeOffset.FromUnixTimeSeconds((long)expected.EndUnix):u})";
            Assert.That(actual.Details.Sign.ToString(), Is.EqualTo(expected.Sign), label);
            Assert.That(actual.Details.NextSign.ToString(), Is.EqualTo(expected.NextSign), label);
            endErrors.Add(Math.Abs(actual.EndAt.ToUnixTimeSeconds() - expected.EndUnix));
            if (expected.MarginSeconds < SmallMarginSeconds)
            {
                continue;
            }

            Assert.That(Describe(actual.Details.LastAspect), Is.EqualTo(Describe(expected.LastAspect)), label);
            startErrors.Add(Math.Abs(actual.StartAt.ToUnixTimeSeconds() - expected.StartUnix));
        }

        Assert.Multiple(() =>
        {
            Assert.That(startErrors.Max(), Is.LessThanOrEqualTo(MaximumSeconds), "largest start error");
            Assert.That(endErrors.Max(), Is.LessThanOrEqualTo(MaximumSeconds), "largest end error");
            Assert.That(Median(startErrors), Is.LessThanOrEqualTo(MedianSeconds), "median start error");
            Assert.That(Median(endErrors), Is.LessThanOrEqualTo(MedianSeconds), "median end error");
        });
    }

    private static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Describe(LastAspect? aspect) =>
        aspect is null ? "none" : $"{aspect.Planet} {aspect.Aspect}".ToLowerInvariant();

    private static string Describe(ReferenceAspect? aspect) =>
        aspect is null ? "none" : $"{aspect.Planet} {aspect.Aspect}".ToLowerInvariant();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
