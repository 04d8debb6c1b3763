namespace LunarVoc.Application.Ephemeris;

/// <summary>
/// The ephemeris: where the Moon and the Sun are, and what the domain's rules make of their
/// motion — void-of-course windows and lunar phases. Windows are computed within
/// <see cref="EphemerisRange"/>; the Moon, the Sun and the phases a year beyond it too (the phases
/// around its ends).
/// </summary>
public interface IEphemeris
{
    /// <summary>Every window overlapping [<paramref name="from"/>, <paramref name="until"/>), ordered by start, one per lunar ingress.</summary>
    ImmutableArray<ComputedVocWindow> VoidWindows(DateTimeOffset from, DateTimeOffset until, PlanetSet planets);

    /// <summary>The Moon and the Sun as seen from the Earth's centre at an instant.</summary>
    MoonAndSun MoonAndSunAt(DateTimeOffset instant);

    /// <summary>The Moon from the Earth's centre over [<paramref name="from"/>, <paramref name="until"/>], sampled for any place's sky.</summary>
    MoonTrack MoonTrack(DateTimeOffset from, DateTimeOffset until);

    /// <summary>Every principal phase in [<paramref name="from"/>, <paramref name="until"/>), by instant.</summary>
    ImmutableArray<LunarPhase> Phases(DateTimeOffset from, DateTimeOffset until);

    /// <summary>The sign the Moon enters next after <paramref name="after"/>, and when.</summary>
    MoonIngress NextIngress(DateTimeOffset after);

    /// <summary>The first instant after <paramref name="after"/> at which the named phase changes.</summary>
    DateTimeOffset NextPhaseNameChange(DateTimeOffset after);
}
