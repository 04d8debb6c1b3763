using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>Void-of-course windows from the built-in ephemeris; see <see cref="VocSearch"/> for the method.</summary>
public sealed class VocCalculator : IVocCalculator
{
    public ImmutableArray<ComputedVocWindow> Compute(DateTimeOffset from, DateTimeOffset until, PlanetSet planets)
    {
        if (!EphemerisRange.Contains(from, until))
        {
            throw new ArgumentOutOfRangeException(
                nameof(from), $"The ephemeris covers {EphemerisRange.Start:yyyy-MM-dd} to {EphemerisRange.End:yyyy-MM-dd}.");
        }

        return new VocSearch(from, until, planets.Planets()).Run();
    }
}
