using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>Void-of-course windows: the domain's rule (<see cref="VoidOfCourse"/>) over the built-in ephemeris.</summary>
public sealed class VocCalculator : IVocCalculator
{
    public ImmutableArray<ComputedVocWindow> Compute(DateTimeOffset from, DateTimeOffset until, PlanetSet planets)
    {
        if (!EphemerisRange.Contains(from, until))
        {
            throw new ArgumentOutOfRangeException(
                nameof(from), $"The ephemeris covers {EphemerisRange.Start:yyyy-MM-dd} to {EphemerisRange.End:yyyy-MM-dd}.");
        }

        return VoidOfCourse.Windows(new SampledLongitudes(from, until), from, until, planets.Planets());
    }
}
