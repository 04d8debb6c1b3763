using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.Ephemeris.GetEphemerisYear;
using LunarVoc.Application.Moon.GetMoonPhases;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Mediator;

namespace LunarVoc.Application.Moon.GetMoon;

/// <summary>Works out the Moon at an instant in 1900–2100.</summary>
public sealed record ComputeMoonReportQuery(DateTimeOffset At) : IQuery<MoonReport>;

/// <summary>
/// The Moon and the Sun from the ephemeris; the phases around the instant from the cached years
/// of phases; the void from the cached years of computed windows (the modern convention, as the
/// pre-fetch stores them); the next ingress and change of phase name by root finding.
/// </summary>
public sealed class ComputeMoonReportQueryHandler(ISender sender, IEphemeris ephemeris, TimeProvider timeProvider)
    : IQueryHandler<ComputeMoonReportQuery, MoonReport>
{
    public async ValueTask<MoonReport> Handle(ComputeMoonReportQuery query, CancellationToken cancellationToken)
    {
        var at = query.At;
        var year = at.UtcDateTime.Year;
        var phases = await PhasesAsync(year - 1, year + 1, cancellationToken);
        var previousNewMoon = phases.Last(phase => phase.Phase == MoonPhase.NewMoon && phase.At <= at).At;
        var nextPhases = MoonPhases.Principal.Select(wanted => phases.First(phase => phase.Phase == wanted && phase.At > at)).ToImmutableArray();
        var ingress = ephemeris.NextIngress(at);
        var (current, coming) = await VoidsAroundAsync(at, ingress.At, cancellationToken);

        DateTimeOffset[] changes =
        [
            ingress.At, ephemeris.NextPhaseNameChange(at), .. nextPhases.Select(phase => phase.At),
            .. current is null ? Array.Empty<DateTimeOffset>() : [current.EndAt],
            .. coming is null ? Array.Empty<DateTimeOffset>() : [coming.StartAt],
        ];
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

    /// <summary>The window containing <paramref name="at"/>, and the one starting before the next ingress, if any.</summary>
    private async ValueTask<(ComputedVocWindow? Current, ComputedVocWindow? Coming)> VoidsAroundAsync(
        DateTimeOffset at, DateTimeOffset nextIngress, CancellationToken cancellationToken)
    {
        ComputedVocWindow? current = null, coming = null;
        // A window is listed in every year it overlaps; the one ending at the next ingress starts in the year of at, or the next.
        for (var year = at.UtcDateTime.Year; year <= Math.Min(nextIngress.UtcDateTime.Year, EphemerisRange.End.Year - 1); year++)
        {
            foreach (var window in (await sender.Send(new GetEphemerisYearQuery(year, PlanetSet.Modern), cancellationToken)).Windows)
            {
                current ??= window.StartAt <= at && at < window.EndAt ? window : null;
                coming ??= window.StartAt > at && window.StartAt < nextIngress ? window : null;
            }
        }

        return (current, coming);
    }
}
