using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Domain.UnitTests.Astrology;

/// <summary>The rule on its own, over a made-up sky whose answers can be worked out by hand.</summary>
[TestFixture]
public sealed class VoidOfCourseTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_window_runs_from_the_last_exact_aspect_in_a_sign_or_from_the_ingress_to_the_next_ingress()
    {
        // The Moon at 0° at the epoch, gaining 12° a day; the Sun standing at 10°.
        var sky = new LinearSky(moonDegreesPerDay: 12, sun: 10);

        var windows = VoidOfCourse.Windows(sky, Day(0.5), Day(7), [Planet.Sun]);

        Assert.That(windows, Is.EqualTo(new[]
        {
            // Aries: conjunction when the Moon reaches 10° (day 10/12), ingress into Taurus at 30° (day 2.5).
            new ComputedVocWindow(Day(10.0 / 12), Day(2.5), new VocWindowDetails(ZodiacSign.Aries, ZodiacSign.Taurus, new LastAspect(Planet.Sun, Aspect.Conjunction))),
            // Taurus: the difference runs 20°→50°, no aspect: void for the whole sign.
            new ComputedVocWindow(Day(2.5), Day(5), new VocWindowDetails(ZodiacSign.Taurus, ZodiacSign.Gemini, null)),
            // Gemini: sextile at 70° (day 70/12), ingress into Cancer at 90° (day 7.5).
            new ComputedVocWindow(Day(70.0 / 12), Day(7.5), new VocWindowDetails(ZodiacSign.Gemini, ZodiacSign.Cancer, new LastAspect(Planet.Sun, Aspect.Sextile))),
        }));
    }

    [Test]
    public void The_latest_aspect_to_any_planet_starts_the_void()
    {
        // In Aries the Moon (0°→30°) meets the Sun at 10° and squares Mars at 290° when it reaches 20°.
        var sky = new LinearSky(moonDegreesPerDay: 12, sun: 10, mars: 290);

        var windows = VoidOfCourse.Windows(sky, Day(0.5), Day(2), [Planet.Sun, Planet.Mars]);

        Assert.That(windows.Single(), Is.EqualTo(new ComputedVocWindow(
            Day(20.0 / 12), Day(2.5), new VocWindowDetails(ZodiacSign.Aries, ZodiacSign.Taurus, new LastAspect(Planet.Mars, Aspect.Square)))));
    }

    [Test]
    public void Only_the_planets_asked_for_count()
    {
        var sky = new LinearSky(moonDegreesPerDay: 12, sun: 10, mars: 290);

        var window = VoidOfCourse.Windows(sky, Day(0.5), Day(2), [Planet.Sun]).Single();

        Assert.That(window.Details.LastAspect, Is.EqualTo(new LastAspect(Planet.Sun, Aspect.Conjunction)));
        Assert.That(window.StartAt, Is.EqualTo(Day(10.0 / 12)));
    }

    /// <summary>The instant <paramref name="days"/> after the epoch, to the second (the search's resolution).</summary>
    private static DateTimeOffset Day(double days) => Epoch.AddSeconds(Math.Round(days * 86400));

    /// <summary>A Moon moving at a constant rate and planets standing still.</summary>
    private sealed class LinearSky(double moonDegreesPerDay, double sun, double mars = 200) : ILongitudes
    {
        public double MoonAt(double unixSeconds) => moonDegreesPerDay * (unixSeconds - Epoch.ToUnixTimeSeconds()) / 86400;

        public double PlanetAt(Planet planet, double unixSeconds) => planet switch
        {
            Planet.Sun => sun,
            Planet.Mars => mars,
            _ => 180,
        };
    }
}
