using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.Ephemeris.GetEphemerisYear;
using LunarVoc.Application.Moon.GetMoonPhases;

namespace LunarVoc.Application.Moon.GetMoon;

/// <summary>
/// Works out the Moon at an instant in 1900–2100: the Moon and the Sun from the ephemeris; the phases
/// around the instant from the cached years of phases; the void and the next ingress from the cached
/// years of computed windows (the modern convention, as the pre-fetch stores them); the next change of
/// phase name by root finding. Used by the Moon's two reads, the instant asked for and "now".
/// </summary>
public sealed class MoonReports(ISender sender, IEphemeris ephemeris, TimeProvider timeProvider)
{
    public async ValueTask<MoonReport> AtAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var year = at.UtcDateTime.Year;
        var phases = await PhasesAsync(year - 1, year + 1, cancellationToken);
        var previousNewMoon = phases.Last(phase => phase.Phase == MoonPhase.NewMoon && phase.At <= at).At;
        var nextPhases = MoonPhases.Principal.Select(wanted => phases.First(phase => phase.Phase == wanted && phase.At > at)).ToImmutableArray();
        // The window that ends at the next ingress: the void now, or the next one, and the ingress itself as the windows have it.
        var ending = await WindowEndingNextAsync(at, cancellationToken);
        var ingress = ending is null ? ephemeris.NextIngress(at) : new MoonIngress(ending.Details.NextSign, ending.EndAt);
        var current = ending is not null && ending.StartAt <= at ? ending : null;

        var changes = new List<DateTimeOffset> { ingress.At, ephemeris.NextPhaseNameChange(at) };
        changes.AddRange(nextPhases.Select(phase => phase.At));
        if (ending is not null && ending.StartAt > at)
        {
            changes.Add(ending.StartAt); // the next void starts before the next ingress
        }

        return new MoonReport(
            at, ephemeris.MoonAndSunAt(at), previousNewMoon, nextPhases, ingress, current, changes.Min(), timeProvider.GetUtcNow());
    }

    private async ValueTask<List<LunarPhase>> PhasesAsync(int firstYear, int lastYear, CancellationToken cancellationToken)
    {
        var phases = new List<LunarPhase>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            phases.AddRange((await sender.Send(new GetPhasesYearQuery(year), cancellationToken)).Phases);
        }

        return phases;
    }

    /// <summary>
    /// The first computed window ending after <paramref name="at"/> (one per ingress, so it ends at the next one).
    /// A window is listed in every year it overlaps: it is in the year of at, or the next; none past 2100.
    /// </summary>
    private async ValueTask<ComputedVocWindow?> WindowEndingNextAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var year = at.UtcDateTime.Year; year <= Math.Min(at.UtcDateTime.Year + 1, EphemerisRange.End.Year - 1); year++)
        {
            var windows = (await sender.Send(new GetEphemerisYearQuery(year, PlanetSet.Modern), cancellationToken)).Windows;
            if (windows.FirstOrDefault(window => window.EndAt > at) is { } ending)
            {
                return ending;
            }
        }

        return null;
    }
}
