using System.Collections.Immutable;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// One search over a span. It finds each lunar ingress, then, for each planet, the last exact
/// aspect before it. The Moon outruns every planet (it gains at least 9° a day even on Mercury at
/// its fastest), so the Moon–planet difference only grows and each aspect angle is crossed once
/// per pass: the last aspect to a planet is at the aspect angle just below the difference at the
/// ingress, found by the secant method, and counts if it falls after the previous ingress.
/// Retrograde planets need no special case: earlier aspects to the same planet in the sign are
/// simply passed over for the last one.
/// </summary>
internal sealed class VocSearch
{
    private const double Day = 86400;
    private const double MoonMeanRate = 13.176 / Day;            // degrees per second
    private const double MoonSlowestRate = 11.7 / Day;
    private const double FastestGainOnAPlanet = 17.0 / Day;      // the Moon at perigee, a planet retrograde
    private const double Tolerance = 1e-4;                       // seconds
    private const double LongestSignStay = 30 / MoonSlowestRate;

    private readonly double _from;
    private readonly double _until;
    private readonly IReadOnlyList<Planet> _planets;
    private readonly SampledLongitude _moon;
    private readonly SampledLongitude[] _planetLongitudes;

    public VocSearch(DateTimeOffset from, DateTimeOffset until, IReadOnlyList<Planet> planets)
    {
        _from = from.ToUnixTimeMilliseconds() / 1000.0;
        _until = until.ToUnixTimeMilliseconds() / 1000.0;
        _planets = planets;
        var start = _from - (2 * LongestSignStay);
        var end = _until + (2 * LongestSignStay);
        _moon = new SampledLongitude(seconds => Moon.ApparentLongitude(TimeScales.CenturiesSinceJ2000(seconds)), start, end, Day / 8);
        _planetLongitudes = [.. Enum.GetValues<Planet>().Select(planet => new SampledLongitude(
            seconds => Planets.ApparentLongitude(planet, TimeScales.CenturiesSinceJ2000(seconds)), start, end, GridStep(planet)))];
    }

    /// <summary>Every window overlapping [from, until), ordered by start.</summary>
    public ImmutableArray<ComputedVocWindow> Run()
    {
        var windows = ImmutableArray.CreateBuilder<ComputedVocWindow>();
        var previousIngress = NextIngress(_from - LongestSignStay);
        while (previousIngress < _until)
        {
            var ingress = NextIngress(previousIngress + 60);
            var window = Window(previousIngress, ingress);
            if (ingress > _from && window.StartAt.ToUnixTimeSeconds() < _until)
            {
                windows.Add(window);
            }

            previousIngress = ingress;
        }

        return windows.ToImmutable();
    }

    /// <summary>Grid steps short enough for cubic interpolation to stay under 0.01" (the looping inner planets get the finest).</summary>
    private static double GridStep(Planet planet) => planet switch
    {
        Planet.Mercury or Planet.Venus => Day,
        Planet.Sun or Planet.Mars => 2 * Day,
        _ => 5 * Day,
    };

    private ComputedVocWindow Window(double signEntered, double ingress)
    {
        var moonAtIngress = MoonAt(ingress);
        var sign = ZodiacSigns.Of(moonAtIngress - 15);
        var start = signEntered;
        LastAspect? lastAspect = null;
        foreach (var planet in _planets)
        {
            if (LastAspectBefore(planet, moonAtIngress, ingress, signEntered) is ({ } exact, var aspect) && exact >= start)
            {
                start = exact;
                lastAspect = new LastAspect(planet, aspect);
            }
        }

        return new ComputedVocWindow(Instant(start), Instant(ingress), new VocWindowDetails(sign, sign.Next(), lastAspect));
    }

    private (double? At, Aspect Aspect) LastAspectBefore(Planet planet, double moonAtIngress, double ingress, double signEntered)
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
    private double NextIngress(double after)
    {
        var longitude = MoonAt(after);
        var boundary = (Math.Floor(longitude / 30) + 1) * 30;
        var toGo = boundary - longitude;
        return Secant(seconds => Angles.Signed(MoonAt(seconds) - boundary), after, -toGo, after + (toGo / MoonMeanRate));
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

    private double MoonAt(double unixSeconds) => Angles.Normalize(_moon.At(unixSeconds));

    private double PlanetAt(Planet planet, double unixSeconds) => Angles.Normalize(_planetLongitudes[(int)planet].At(unixSeconds));

    private static DateTimeOffset Instant(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Round(unixSeconds, MidpointRounding.AwayFromZero));
}
