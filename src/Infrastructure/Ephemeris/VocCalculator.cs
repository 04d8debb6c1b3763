using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// Finds each lunar ingress, then, for each planet, the last exact aspect before it. The Moon
/// outruns every planet (it gains at least 9° a day even on Mercury at its fastest), so the
/// Moon–planet difference only grows and each aspect angle is crossed once per pass: the last
/// aspect to a planet is the aspect angle just below the difference at the ingress, found by
/// the secant method, and kept if it falls after the previous ingress. Retrograde planets need no
/// special case: several aspects to one planet in a sign are simply passed over for the last.
/// </summary>
public sealed class VocCalculator : IVocCalculator
{
    private const double MoonMeanRate = 13.176 / 86400;      // degrees per second
    private const double MoonSlowestRate = 11.7 / 86400;
    private const double FastestGainOnAPlanet = 17.0 / 86400;   // the Moon at perigee, a planet retrograde
    private const double Tolerance = 1e-4;                    // seconds
    private static readonly double LongestSignStay = 30 / MoonSlowestRate;

    public ImmutableArray<ComputedVocWindow> Compute(DateTimeOffset from, DateTimeOffset until, PlanetSet planets)
    {
        if (!EphemerisRange.Contains(from, until))
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"The ephemeris covers {EphemerisRange.Start:yyyy-MM-dd} to {EphemerisRange.End:yyyy-MM-dd}.");
        }

        var fromSeconds = from.ToUnixTimeMilliseconds() / 1000.0;
        var untilSeconds = until.ToUnixTimeMilliseconds() / 1000.0;
        var bodies = planets.Planets();
        var windows = ImmutableArray.CreateBuilder<ComputedVocWindow>();

        var previousIngress = NextIngress(fromSeconds - LongestSignStay);
        while (previousIngress < untilSeconds)
        {
            var ingress = NextIngress(previousIngress + 60);
            var window = Window(previousIngress, ingress, bodies);
            if (ingress > fromSeconds && window.StartAt < until)
            {
                windows.Add(window);
            }

            previousIngress = ingress;
        }

        return windows.ToImmutable();
    }

    private static ComputedVocWindow Window(double signEntered, double ingress, IReadOnlyList<Planet> planets)
    {
        var moonAtIngress = MoonAt(ingress);
        var sign = ZodiacSigns.Of(moonAtIngress - 15);
        var start = signEntered;
        LastAspect? lastAspect = null;
        foreach (var planet in planets)
        {
            if (LastAspectBefore(planet, moonAtIngress, ingress, signEntered) is ({ } exact, var aspect) && exact >= start)
            {
                start = exact;
                lastAspect = new LastAspect(planet, aspect);
            }
        }

        return new ComputedVocWindow(Instant(start), Instant(ingress), sign, sign.Next(), lastAspect);
    }

    private static (double? At, Aspect Aspect) LastAspectBefore(Planet planet, double moonAtIngress, double ingress, double signEntered)
    {
        var difference = Angles.Normalize(moonAtIngress - PlanetAt(planet, ingress));
        var angle = Aspects.ExactDifferences.Last(exact => exact <= difference);
        var behind = difference - angle;
        if (behind > (ingress - signEntered) * FastestGainOnAPlanet)
        {
            return (null, Aspects.At(angle));
        }

        var at = Secant(
            seconds => Angles.Signed(MoonAt(seconds) - PlanetAt(planet, seconds) - angle),
            ingress,
            behind,
            ingress - (behind / MoonMeanRate));
        return (at >= signEntered && at <= ingress ? at : null, Aspects.At(angle));
    }

    /// <summary>The first instant after <paramref name="after"/> at which the Moon enters a sign.</summary>
    private static double NextIngress(double after)
    {
        var longitude = MoonAt(after);
        var boundary = (Math.Floor(longitude / 30) + 1) * 30;
        var toGo = boundary - longitude;
        return Secant(
            seconds => Angles.Signed(MoonAt(seconds) - boundary),
            after,
            -toGo,
            after + (toGo / MoonMeanRate));
    }

    /// <summary>The root of a smooth increasing function near <paramref name="guess"/>, from one known value.</summary>
    private static double Secant(Func<double, double> function, double known, double knownValue, double guess)
    {
        double x0 = known, f0 = knownValue, x1 = guess;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var f1 = function(x1);
            if (f1 == f0)
            {
                return x1;
            }

            var x2 = x1 - (f1 * (x1 - x0) / (f1 - f0));
            if (Math.Abs(x2 - x1) < Tolerance)
            {
                return x2;
            }

            (x0, f0, x1) = (x1, f1, x2);
        }

        throw new InvalidOperationException("The ephemeris search did not converge.");
    }

    private static double MoonAt(double unixSeconds) => Moon.ApparentLongitude(TimeScales.CenturiesSinceJ2000(unixSeconds));

    private static double PlanetAt(Planet planet, double unixSeconds) =>
        Planets.ApparentLongitude(planet, TimeScales.CenturiesSinceJ2000(unixSeconds));

    private static DateTimeOffset Instant(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Round(unixSeconds, MidpointRounding.AwayFromZero));
}
