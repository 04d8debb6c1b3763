using LunarVoc.Application.Ephemeris;
using LunarVoc.Domain.Sky;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// The built-in ephemeris (ELP/MPP02 for the Moon, VSOP87 for the Sun and planets) and the domain's
/// rules over it: <see cref="VoidOfCourse"/> for the windows, <see cref="LunarPhases"/> for the phases.
/// </summary>
public sealed class BuiltInEphemeris : IEphemeris
{
    // The Moon, its ingresses and phases are found a year beyond each end too (the new Moon before 1900-01-01, the phases after 2100).
    private static readonly TimeSpan PhaseMargin = TimeSpan.FromDays(366);

    // An hour: four-point interpolation of the Moon's right ascension and declination between such samples errs by far under 0.01".
    private const double TrackStep = 3600;

    public ImmutableArray<ComputedVocWindow> VoidWindows(DateTimeOffset from, DateTimeOffset until, PlanetSet planets)
    {
        Require(EphemerisRange.Contains(from, until), nameof(from));
        return VoidOfCourse.Windows(new SampledLongitudes(from, until), from, until, planets.Planets());
    }

    public MoonAndSun MoonAndSunAt(DateTimeOffset instant)
    {
        Require(InExtendedRange(instant, instant), nameof(instant));
        var t = TimeScales.CenturiesSinceJ2000(UnixSeconds.Of(instant));
        return new MoonAndSun(
            Moon.ApparentLongitude(t),
            Moon.ApparentLatitude(t),
            Moon.Distance(t),
            Planets.ApparentLongitude(Planet.Sun, t),
            Planets.SunDistanceKm(t));
    }

    public MoonTrack MoonTrack(DateTimeOffset from, DateTimeOffset until)
    {
        Require(InExtendedRange(from, until), nameof(from));
        return Moon.Track(UnixSeconds.Of(from), UnixSeconds.Of(until), TrackStep);
    }

    public ImmutableArray<LunarPhase> Phases(DateTimeOffset from, DateTimeOffset until)
    {
        Require(InExtendedRange(from, until), nameof(from));
        return LunarPhases.Between(new SampledLongitudes(from, until), from, until);
    }

    public MoonIngress NextIngress(DateTimeOffset after)
    {
        Require(InExtendedRange(after, after), nameof(after));
        return MoonIngresses.Next(new SampledLongitudes(after, after.AddDays(3)), after);
    }

    public DateTimeOffset NextPhaseNameChange(DateTimeOffset after)
    {
        Require(InExtendedRange(after, after), nameof(after));
        return LunarPhases.NextNameChange(new SampledLongitudes(after, after.AddDays(8)), after);
    }

    private static bool InExtendedRange(DateTimeOffset from, DateTimeOffset until) =>
        from >= EphemerisRange.Start - PhaseMargin && until <= EphemerisRange.End + PhaseMargin && from <= until;

    private static void Require(bool inRange, string parameter)
    {
        if (!inRange)
        {
            throw new ArgumentOutOfRangeException(
                parameter, $"The ephemeris covers {EphemerisRange.Start:yyyy-MM-dd} to {EphemerisRange.End:yyyy-MM-dd}.");
        }
    }
}
