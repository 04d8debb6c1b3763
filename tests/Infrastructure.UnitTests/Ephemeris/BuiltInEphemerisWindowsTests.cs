using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

namespace LunarVoc.Infrastructure.UnitTests.Ephemeris;

public sealed class BuiltInEphemerisWindowsTests
{
    private static readonly DateTimeOffset March2024 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Windows_are_ordered_disjoint_and_one_per_sign_in_turn()
    {
        var windows = new BuiltInEphemeris().VoidWindows(March2024, March2024.AddDays(90), PlanetSet.Modern);

        Assert.That(windows, Has.Length.InRange(39, 41));
        for (var i = 1; i < windows.Length; i++)
        {
            Assert.That(windows[i].StartAt, Is.GreaterThanOrEqualTo(windows[i - 1].EndAt), $"window {i} overlaps the one before");
            Assert.That(windows[i].Details.Sign, Is.EqualTo(windows[i - 1].Details.NextSign), $"window {i} skips a sign");
        }
    }

    [Test]
    public void Returns_exactly_the_windows_overlapping_the_range()
    {
        var all = new BuiltInEphemeris().VoidWindows(March2024, March2024.AddDays(30), PlanetSet.Modern);
        var inner = all[5];

        var overlapping = new BuiltInEphemeris().VoidWindows(inner.StartAt.AddSeconds(1), inner.EndAt.AddSeconds(-1), PlanetSet.Modern);

        Assert.That(overlapping, Is.EqualTo(new[] { inner }));
    }

    [Test]
    public void Traditional_windows_start_no_later_than_modern_ones_end_at_the_same_ingresses()
    {
        var modern = new BuiltInEphemeris().VoidWindows(March2024, March2024.AddDays(60), PlanetSet.Modern);
        var traditional = new BuiltInEphemeris().VoidWindows(March2024, March2024.AddDays(60), PlanetSet.Traditional);

        Assert.That(traditional.Select(window => window.EndAt), Is.EqualTo(modern.Select(window => window.EndAt)));
        Assert.That(traditional.Zip(modern).All(pair => pair.First.StartAt <= pair.Second.StartAt), Is.True);
        Assert.That(traditional.Any(window => window.Details.LastAspect?.Planet > Planet.Saturn), Is.False);
    }

    [TestCase("1899-12-31T00:00:00Z", "1900-02-01T00:00:00Z")]
    [TestCase("2100-12-01T00:00:00Z", "2101-01-02T00:00:00Z")]
    public void Refuses_a_range_outside_1900_to_2100(string from, string until) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BuiltInEphemeris().VoidWindows(
            DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            PlanetSet.Modern));
}
