using System.Collections.Immutable;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.Ephemeris;

/// <summary>Computes void-of-course windows from the positions of the Moon and planets.</summary>
public interface IVocCalculator
{
    /// <summary>
    /// Every window overlapping [<paramref name="from"/>, <paramref name="until"/>), ordered by start,
    /// one per lunar ingress. Both bounds must lie in <see cref="EphemerisRange"/>.
    /// </summary>
    ImmutableArray<ComputedVocWindow> Compute(DateTimeOffset from, DateTimeOffset until, PlanetSet planets);
}
