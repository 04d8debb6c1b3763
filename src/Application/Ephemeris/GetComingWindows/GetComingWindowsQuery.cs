using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris.GetEphemerisWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Mediator;

namespace LunarVoc.Application.Ephemeris.GetComingWindows;

/// <summary>The computed windows of the coming <see cref="Days"/> days, from the start of today (UTC): a calendar feed's content.</summary>
public sealed record GetComingWindowsQuery(int Days, PlanetSet Planets) : IQuery<ComingWindows>
{
    public const int MaxDays = 366;
}

/// <param name="From">The start of today (UTC), where the span begins.</param>
/// <param name="Windows">Every window overlapping the span, by start.</param>
public sealed record ComingWindows(DateTimeOffset From, ImmutableArray<ComputedVocWindow> Windows);

public sealed class GetComingWindowsQueryHandler(ISender sender, TimeProvider timeProvider)
    : IQueryHandler<GetComingWindowsQuery, ComingWindows>
{
    public async ValueTask<ComingWindows> Handle(GetComingWindowsQuery query, CancellationToken cancellationToken)
    {
        var today = new DateTimeOffset(timeProvider.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var until = today.AddDays(query.Days) > EphemerisRange.End ? EphemerisRange.End : today.AddDays(query.Days);
        var windows = await sender.Send(new GetEphemerisWindowsQuery(today, until, query.Planets), cancellationToken);
        return new ComingWindows(today, windows);
    }
}
