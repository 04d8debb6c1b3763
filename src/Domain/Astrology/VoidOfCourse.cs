using System.Collections.Immutable;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Domain.Astrology;

/// <summary>
/// What a void of course is. The Moon is void from its last exact major aspect (0°, 60°, 90°, 120°,
/// 180°) to a planet while in a sign — or from its ingress, when it makes none — until it enters the
/// next sign: one window per lunar ingress.
/// </summary>
/// <remarks>
/// How the windows are found. Each ingress is a root of the Moon's longitude minus a multiple of 30°.
/// The Moon outruns every planet (it gains at least 9° a day even on Mercury at its fastest), so the
/// Moon–planet difference only grows and each aspect angle is crossed once per pass: the last aspect
/// to a planet is at the aspect angle just below the difference at the ingress, and counts if it
/// falls after the previous ingress. Retrograde planets need no special case: earlier aspects to the
/// same planet in the sign are simply passed over for the last one. Roots are found by the secant
/// method to 0.1 ms.
/// </remarks>
public static class VoidOfCourse
{
    private const double Day = 86400;
    private const double MoonMeanRate = 13.176 / Day;            // degrees per second
    private const double MoonSlowestRate = 11.7 / Day;
    private const double FastestGainOnAPlanet = 17.0 / Day;      // the Moon at perigee, a planet retrograde
    private const double LongestSignStay = 30 / MoonSlowestRate;

    /// <summary>How far beyond a span the search reads longitudes (the sign the Moon is in at either end, and the next).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2 * LongestSignStay);

    /// <summary>Every window overlapping [<paramref name="from"/>, <paramref name="until"/>), ordered by start.</summary>
    public static ImmutableArray<ComputedVocWindow> Windows(
        ILongitudes longitudes, DateTimeOffset from, DateTimeOffset until, IReadOnlyList<Planet> planets)
    {
        var search = new Search(longitudes, planets);
        var start = UnixSeconds.Of(from);
        var end = UnixSeconds.Of(until);
        var windows = ImmutableArray.CreateBuilder<ComputedVocWindow>();
        var previousIngress = search.NextIngress(start - LongestSignStay);
        while (previousIngress < end)
        {
            var ingress = search.NextIngress(previousIngress + Roots.PastARoot);
            var window = search.Window(previousIngress, ingress);
            if (ingress > start && window.StartAt.ToUnixTimeSeconds() < end)
            {
                windows.Add(window);
            }

            previousIngress = ingress;
        }

        return windows.ToImmutable();
    }

    private sealed class Search(ILongitudes longitudes, IReadOnlyList<Planet> planets)
    {
        /// <summary>The window that ends at <paramref name="ingress"/>, in the sign entered at <paramref name="signEntered"/>.</summary>
        public ComputedVocWindow Window(double signEntered, double ingress)
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

            return new ComputedVocWindow(UnixSeconds.ToInstant(start), UnixSeconds.ToInstant(ingress), new VocWindowDetails(sign, sign.Next(), lastAspect));
        }

        public double NextIngress(double after) => MoonIngresses.Next(longitudes, after);

        private (double? At, Aspect Aspect) LastAspectBefore(Planet planet, double moonAtIngress, double ingress, double signEntered)
        {
            var difference = Degrees.Normalize(moonAtIngress - PlanetAt(planet, ingress));
            var angle = Aspects.ExactDifferences.Last(exact => exact <= difference);
            var behind = difference - angle;
            if (behind > (ingress - signEntered) * FastestGainOnAPlanet)
            {
                return (null, Aspects.At(angle));
            }

            var at = Roots.Secant(
                seconds => Degrees.Relative(MoonAt(seconds) - PlanetAt(planet, seconds) - angle),
                ingress,
                behind,
                ingress - (behind / MoonMeanRate));
            return (at >= signEntered && at <= ingress ? at : null, Aspects.At(angle));
        }

        private double MoonAt(double unixSeconds) => Degrees.Normalize(longitudes.MoonAt(unixSeconds));

        private double PlanetAt(Planet planet, double unixSeconds) => Degrees.Normalize(longitudes.PlanetAt(planet, unixSeconds));
    }
}
