using System.ComponentModel;
using LunarVoc.Application.Ephemeris;

namespace LunarVoc.Application.Moon.GetMoonSky;

/// <summary>
/// The Moon's geocentric track for one calendar month (UTC) with a day's margin at each end, so
/// any place's local day of the month reads from one track. Nothing in it depends on a place: the
/// keys are the months of 1900–2100 whatever coordinates clients ask for.
/// </summary>
public sealed record GetMoonTrackMonthQuery(int Year, int Month) : ICachedQuery<MoonTrackMonth>
{
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    public static string CacheName => "moon_track";

    public string CacheKey => $"moon-track:{Year:D4}-{Month:D2}";

    public static IReadOnlyList<string> Tags => ["moon-track"];

    // A month's track never changes; the lifetime bounds the memory held to the months being asked about.
    public static TimeSpan Ttl(CachingOptions options) => TimeSpan.FromHours(6);

    public DateTimeOffset Start => new DateTimeOffset(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The months (UTC) whose tracks cover [from, until] read through <see cref="MoonTracks"/>.</summary>
    public static IEnumerable<GetMoonTrackMonthQuery> Covering(DateTimeOffset from, DateTimeOffset until)
    {
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month <= until; month = month.AddMonths(1))
        {
            yield return new GetMoonTrackMonthQuery(month.Year, month.Month);
        }
    }
}

/// <param name="Track">The Moon from the Earth's centre, hour by hour.</param>
/// <param name="FetchedAt">When it was computed.</param>
[ImmutableObject(true)] // the cache may hand out this instance instead of a copy per hit
public sealed record MoonTrackMonth(MoonTrack Track, DateTimeOffset FetchedAt) : ICacheableResponse<MoonTrackMonth>
{
    public CacheStatus CacheStatus { get; init; }

    public MoonTrackMonth WithCacheStatus(CacheStatus status) => status == CacheStatus ? this : this with { CacheStatus = status };
}

public sealed class GetMoonTrackMonthQueryHandler(IEphemeris ephemeris, TimeProvider timeProvider)
    : IQueryHandler<GetMoonTrackMonthQuery, MoonTrackMonth>
{
    public ValueTask<MoonTrackMonth> Handle(GetMoonTrackMonthQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new MoonTrackMonth(
            ephemeris.MoonTrack(query.Start - GetMoonTrackMonthQuery.Margin, query.Start.AddMonths(1) + GetMoonTrackMonthQuery.Margin),
            timeProvider.GetUtcNow()));
}
