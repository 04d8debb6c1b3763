using LunarVoc.Domain.Astrology;

namespace LunarVoc.Domain.UnitTests.Astrology;

/// <summary>The Moon's phases, names, ingresses and lit fraction over made-up skies worked out by hand.</summary>
[TestFixture]
public sealed class MoonTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase(0, MoonPhase.NewMoon)]
    [TestCase(12.19, MoonPhase.NewMoon)]
    [TestCase(12.2, MoonPhase.WaxingCrescent)]
    [TestCase(77.8, MoonPhase.WaxingCrescent)]
    [TestCase(77.82, MoonPhase.FirstQuarter)]
    [TestCase(90, MoonPhase.FirstQuarter)]
    [TestCase(102.2, MoonPhase.WaxingGibbous)]
    [TestCase(167.8, MoonPhase.WaxingGibbous)]
    [TestCase(180, MoonPhase.FullMoon)]
    [TestCase(247.49, MoonPhase.WaningGibbous)]
    [TestCase(270, MoonPhase.LastQuarter)]
    [TestCase(235, MoonPhase.WaningGibbous)]
    [TestCase(300, MoonPhase.WaningCrescent)]
    [TestCase(347.8, MoonPhase.WaningCrescent)]
    [TestCase(347.82, MoonPhase.NewMoon)]
    [TestCase(-10, MoonPhase.NewMoon)]
    public void A_principal_name_holds_within_a_days_motion_of_its_angle_and_crescent_or_gibbous_between(double elongation, MoonPhase expected) =>
        Assert.That(MoonPhases.Of(elongation), Is.EqualTo(expected));

    [Test]
    public void A_moon_a_third_lit_is_a_crescent_not_a_quarter()
    {
        // 34 % lit: (1 − cos e) / 2 = 0.34, e ≈ 71.3° (waxing) or 288.7° (waning), some 1.5 days from the quarter.
        var waxing = Math.Acos(1 - (2 * 0.34)) * 180 / Math.PI;

        Assert.That(MoonPhases.Of(waxing), Is.EqualTo(MoonPhase.WaxingCrescent));
        Assert.That(MoonPhases.Of(360 - waxing), Is.EqualTo(MoonPhase.WaningCrescent));
    }

    [Test]
    public void The_principal_phases_come_when_the_elongation_reaches_each_quarter()
    {
        // The Moon 10° ahead of a Sun standing still at the epoch, gaining 12° a day.
        var sky = new LinearSky(moonStart: 10, moonDegreesPerDay: 12, sun: 0);

        var phases = LunarPhases.Between(sky, Epoch, Day(31));

        Assert.That(phases, Is.EqualTo(new[]
        {
            new LunarPhase(MoonPhase.FirstQuarter, Day(80.0 / 12)),
            new LunarPhase(MoonPhase.FullMoon, Day(170.0 / 12)),
            new LunarPhase(MoonPhase.LastQuarter, Day(260.0 / 12)),
            new LunarPhase(MoonPhase.NewMoon, Day(350.0 / 12)),
        }));
    }

    [Test]
    public void The_name_changes_at_each_boundary_between_names()
    {
        var sky = new LinearSky(moonStart: 10, moonDegreesPerDay: 12, sun: 0);

        Assert.That(LunarPhases.NextNameChange(sky, Epoch).UtcTicks, Is.EqualTo(Day((MoonPhases.PrincipalHalfSpan - 10) / 12).UtcTicks).Within(TimeSpan.TicksPerSecond), "new Moon to waxing crescent a day's motion past 0°");
        Assert.That(LunarPhases.NextNameChange(sky, Day(2)).UtcTicks, Is.EqualTo(Day((90 - MoonPhases.PrincipalHalfSpan - 10) / 12).UtcTicks).Within(TimeSpan.TicksPerSecond), "waxing crescent to first quarter a day's motion before 90°");
    }

    [Test]
    public void From_an_instant_rounded_just_before_a_change_the_next_change_is_the_following_one()
    {
        // The new Moon's boundary (a day's motion past 0°) is crossed 0.1 s after a whole second (15,773.1 s), which is what instants are rounded to.
        var sky = new LinearSky(moonStart: MoonPhases.PrincipalHalfSpan - (15_773.1 / 7200), moonDegreesPerDay: 12, sun: 0);
        var rounded = Epoch.AddSeconds(15_773);

        var next = LunarPhases.NextNameChange(sky, rounded);
        var ingress = MoonIngresses.Next(new LinearSky(moonStart: 30 - (0.3 / 7200), moonDegreesPerDay: 12, sun: 0), Epoch);

        Assert.That(next, Is.EqualTo(Epoch.AddSeconds(488_226)), "the first quarter's boundary, not the new Moon's at the same second");
        Assert.That(ingress.At, Is.EqualTo(Epoch.AddSeconds(216_000)), "Gemini at 60°, not Taurus at the epoch's own second");
    }

    [Test]
    public void The_next_ingress_is_where_the_longitude_reaches_the_next_thirty_degrees()
    {
        var sky = new LinearSky(moonStart: 10, moonDegreesPerDay: 12, sun: 0);

        var (sign, at) = MoonIngresses.Next(sky, Epoch);

        Assert.That(sign, Is.EqualTo(ZodiacSign.Taurus));
        Assert.That(at, Is.EqualTo(Day(20.0 / 12)));
    }

    [TestCase(0, 0.0)]
    [TestCase(90, 0.5)]
    [TestCase(180, 1.0)]
    [TestCase(270, 0.5)]
    public void The_lit_fraction_follows_the_phase_angle_seen_from_afar(double elongation, double lit)
    {
        // A Sun so far that the phase angle is the supplement of the elongation: k = (1 − cos e) / 2.
        var sky = new MoonAndSun(elongation, 0, 384_400, 0, 1e15);

        Assert.That(sky.IlluminatedFraction, Is.EqualTo(lit).Within(1e-9));
    }

    [Test]
    public void At_new_moon_the_latitude_keeps_a_sliver_lit_and_the_distances_shift_it()
    {
        // Five degrees above the Sun: the phase angle is just under 175°, a little more than (1 − cos 5°) / 2 is lit.
        var farSun = new MoonAndSun(0, 5, 384_400, 0, 1e15).IlluminatedFraction;
        var realSun = new MoonAndSun(0, 5, 384_400, 0, 149_597_870).IlluminatedFraction;

        Assert.That(farSun, Is.EqualTo((1 - Math.Cos(5 * Math.PI / 180)) / 2).Within(1e-9));
        Assert.That(realSun, Is.GreaterThan(farSun), "the Sun at its real distance lights a little more of the near side");
        Assert.That(realSun, Is.LessThan(farSun + 0.001));
    }

    [TestCase(29.99, ZodiacSign.Aries, 29.99)]
    [TestCase(30, ZodiacSign.Taurus, 0)]
    [TestCase(359.5, ZodiacSign.Pisces, 29.5)]
    public void Sign_and_degree_come_from_the_longitude(double longitude, ZodiacSign sign, double degree)
    {
        var sky = new MoonAndSun(longitude, 0, 384_400, 0, 149_597_870);

        Assert.That(sky.Sign, Is.EqualTo(sign));
        Assert.That(sky.DegreeInSign, Is.EqualTo(degree).Within(1e-9));
    }

    private static DateTimeOffset Day(double days) => Epoch.AddSeconds(Math.Round(days * 86400));

    private sealed class LinearSky(double moonStart, double moonDegreesPerDay, double sun) : ILongitudes
    {
        public double MoonAt(double unixSeconds) => moonStart + (moonDegreesPerDay * (unixSeconds - Epoch.ToUnixTimeSeconds()) / 86400);

        public double PlanetAt(Planet planet, double unixSeconds) => planet == Planet.Sun ? sun : 180;
    }
}
