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

    /// <summary>Every principal phase in [<paramref name="from"/>, <paramref name="until"/>), by instant.</summary>
    public static ImmutableArray<LunarPhase> Between(ILongitudes longitudes, DateTimeOffset from, DateTimeOffset until)
    {
        var phases = ImmutableArray.CreateBuilder<LunarPhase>();
        var end = UnixSeconds.Of(until);
        var (angle, at) = NextCrossing(longitudes, UnixSeconds.Of(from), step: 90, offset: 0);
        while (at < end)
        {
            phases.Add(new LunarPhase(MoonPhases.Of(angle), UnixSeconds.ToInstant(at)));
            (angle, at) = NextCrossing(longitudes, at + Roots.PastARoot, step: 90, offset: 0);
        }

        return phases.ToImmutable();
    }

    /// <summary>The first instant after <paramref name="after"/> at which the named phase changes (<see cref="MoonPhases.NextNameBoundary"/>).</summary>
    public static DateTimeOffset NextNameChange(ILongitudes longitudes, DateTimeOffset after) =>
        Roots.NextAfter(after, from => Crossing(longitudes, from, MoonPhases.NextNameBoundary).At);

    /// <summary>The Moon's longitude minus the Sun's, in [0, 360).</summary>
    public static double Elongation(ILongitudes longitudes, double unixSeconds) =>
        Degrees.Normalize(longitudes.MoonAt(unixSeconds) - longitudes.PlanetAt(Planet.Sun, unixSeconds));

    /// <summary>The first instant after <paramref name="after"/> at which the elongation is <paramref name="offset"/> plus a multiple of <paramref name="step"/>.</summary>
    private static (double Angle, double At) NextCrossing(ILongitudes longitudes, double after, double step, double offset) =>
        Crossing(longitudes, after, elongation => offset + ((Math.Floor((elongation - offset) / step) + 1) * step));

    /// <summary>The first instant after <paramref name="after"/> at which the elongation reaches the target <paramref name="next"/> names for it.</summary>
    private static (double Angle, double At) Crossing(ILongitudes longitudes, double after, Func<double, double> next)
    {
        var elongation = Elongation(longitudes, after);
        var target = next(elongation);
        var toGo = target - elongation;
        var at = Roots.Secant(
            seconds => Degrees.Relative(Elongation(longitudes, seconds) - target),
            after,
            -toGo,
            after + (toGo / MeanElongationRate));
        return (Degrees.Normalize(target), at);
    }
}
