using System.Collections.Immutable;

namespace LunarVoc.Domain.Astrology;

/// <summary>
/// When the phases come. A phase is an angle of the Moon's elongation from the Sun, which grows by
/// 10° to 15° a day: each crossing is found by the secant method from the mean rate (12.19° a day),
/// as the ingresses of <see cref="VoidOfCourse"/> are.
/// </summary>
public static class LunarPhases
{
    private const double Day = 86400;
    private const double MeanElongationRate = 12.190749 / Day; // degrees per second: 360° per synodic month
    private const double AfterACrossing = 60;                   // seconds: past a root, the next target is ahead

    /// <summary>Every principal phase in [<paramref name="from"/>, <paramref name="until"/>), by instant.</summary>
    public static ImmutableArray<LunarPhase> Between(ILongitudes longitudes, DateTimeOffset from, DateTimeOffset until)
    {
        var phases = ImmutableArray.CreateBuilder<LunarPhase>();
        var end = until.ToUnixTimeMilliseconds() / 1000.0;
        var (angle, at) = NextCrossing(longitudes, from.ToUnixTimeMilliseconds() / 1000.0, step: 90, offset: 0);
        while (at < end)
        {
            phases.Add(new LunarPhase(MoonPhases.Of(angle), Roots.ToInstant(at)));
            (angle, at) = NextCrossing(longitudes, at + AfterACrossing, step: 90, offset: 0);
        }

        return phases.ToImmutable();
    }

    /// <summary>The first instant after <paramref name="after"/> at which the named phase changes (at 22.5° past each 45°).</summary>
    public static DateTimeOffset NextNameChange(ILongitudes longitudes, DateTimeOffset after)
    {
        var (_, at) = NextCrossing(longitudes, after.ToUnixTimeMilliseconds() / 1000.0, MoonPhases.NameSpan, MoonPhases.NameSpan / 2);
        if (Roots.ToInstant(at) <= after)
        {
            // The change found is the one at after itself, a fraction of a second later: the next one is wanted.
            (_, at) = NextCrossing(longitudes, at + AfterACrossing, MoonPhases.NameSpan, MoonPhases.NameSpan / 2);
        }

        return Roots.ToInstant(at);
    }

    /// <summary>The Moon's longitude minus the Sun's, in [0, 360).</summary>
    public static double Elongation(ILongitudes longitudes, double unixSeconds) =>
        Degrees.Normalize(longitudes.MoonAt(unixSeconds) - longitudes.PlanetAt(Planet.Sun, unixSeconds));

    /// <summary>The first instant after <paramref name="after"/> at which the elongation is <paramref name="offset"/> plus a multiple of <paramref name="step"/>.</summary>
    private static (double Angle, double At) NextCrossing(ILongitudes longitudes, double after, double step, double offset)
    {
        var elongation = Elongation(longitudes, after);
        var target = offset + ((Math.Floor((elongation - offset) / step) + 1) * step);
        var toGo = target - elongation;
        var at = Roots.Secant(
            seconds => Degrees.Relative(Elongation(longitudes, seconds) - target),
            after,
            -toGo,
            after + (toGo / MeanElongationRate));
        return (Degrees.Normalize(target), at);
    }
}
