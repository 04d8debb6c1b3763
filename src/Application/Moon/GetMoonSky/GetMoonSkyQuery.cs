namespace LunarVoc.Application.Moon.GetMoonSky;

/// <summary>
/// The Moon for a place: each local day's rises, sets and culminations — one <see cref="Date"/>, or
/// <see cref="From"/> to <see cref="To"/> (both included); with no day asked, today's and where the
/// Moon stands now.
/// </summary>
public sealed record GetMoonSkyQuery(Place Place, DateOnly? Date, DateOnly? From, DateOnly? To, TimeZoneInfo Zone, Horizon Horizon)
    : IQuery<MoonSkyAnswer>, IValidated
{
    /// <summary>The most days one request may ask for.</summary>
    public const int MaxDays = 366;

    public bool AsksNow => Date is null && From is null;

    public DateOnly FirstDay(DateOnly today) => Date ?? From ?? today;

    public DateOnly LastDay(DateOnly today) => Date ?? To ?? From ?? today;
}

/// <param name="Query">What was asked: the place, the zone, the convention.</param>
/// <param name="Days">Each day asked for, in order.</param>
/// <param name="Now">Where the Moon stands now, when no day was asked.</param>
public sealed record MoonSkyAnswer(GetMoonSkyQuery Query, ImmutableArray<MoonSkyDay> Days, SkyNow? Now);

/// <param name="Date">The local calendar day.</param>
/// <param name="Start">Its first instant (local midnight, or the first instant after it where a clock change skips midnight).</param>
/// <param name="End">The next day's first instant: 23 or 25 hours on across a change of clocks.</param>
/// <param name="Sky">Its rises, sets and culminations.</param>
public sealed record MoonSkyDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, SkyDay Sky);

public sealed class GetMoonSkyQueryHandler(ISender sender, TimeProvider timeProvider) : IQueryHandler<GetMoonSkyQuery, MoonSkyAnswer>
{
    public async ValueTask<MoonSkyAnswer> Handle(GetMoonSkyQuery query, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, query.Zone).DateTime);
        var first = query.FirstDay(today);
        var days = Enumerable.Range(0, query.LastDay(today).DayNumber - first.DayNumber + 1)
            .Select(offset => first.AddDays(offset))
            .Select(date => (Date: date, Start: LocalDays.StartOf(date, query.Zone), End: LocalDays.StartOf(date.AddDays(1), query.Zone)))
            .Where(day => day.End > day.Start) // a date the zone skipped (a jump across the date line) has no day
            .ToList();
        if (days.Count == 0)
        {
            return new MoonSkyAnswer(query, [], null);
        }

        var asksNow = query.AsksNow;
        var until = asksNow && now + SkyNow.Search > days[^1].End ? now + SkyNow.Search : days[^1].End;
        var since = asksNow && now < days[0].Start ? now : days[0].Start;
        var tracks = new List<MoonTrack>();
        foreach (var month in GetMoonTrackMonthQuery.Covering(since - GetMoonTrackMonthQuery.Margin, until + GetMoonTrackMonthQuery.Margin))
        {
            tracks.Add((await sender.Send(month, cancellationToken)).Track);
        }

        var moon = new MoonTracks(tracks);
        var answers = days.Select(day => new MoonSkyDay(
            day.Date, day.Start, day.End, SkyDay.Of(moon, query.Place, query.Horizon, UnixSeconds.Of(day.Start), UnixSeconds.Of(day.End))));
        return new MoonSkyAnswer(
            query,
            [.. answers],
            asksNow ? SkyNow.Of(moon, query.Place, query.Horizon, UnixSeconds.Of(now)) : null);
    }
}
