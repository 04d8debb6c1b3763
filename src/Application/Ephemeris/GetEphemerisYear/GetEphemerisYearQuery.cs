using System.ComponentModel;

namespace LunarVoc.Application.Ephemeris.GetEphemerisYear;

/// <summary>
/// Every computed window overlapping one calendar year (UTC), by start: the unit the ephemeris is
/// computed and cached in. 201 years × 2 conventions is the whole domain, so whatever ranges
/// clients ask for, each year is computed at most once per lifetime and the memory held is
/// bounded by the domain, not by the number of distinct ranges.
/// </summary>
public sealed record GetEphemerisYearQuery(int Year, PlanetSet Planets) : ICachedQuery<EphemerisYear>
{
    public static string CacheName => "voc_ephemeris";

    public string CacheKey => $"voc-ephemeris:{Planets}:{Year}";

    public static IReadOnlyList<string> Tags => ["voc-ephemeris"];

    // The windows of a year never change; the lifetime only bounds how long a superseded build's answer lives in the shared cache.
    public static TimeSpan Ttl(CachingOptions options) => TimeSpan.FromDays(30);

    public DateTimeOffset Start => StartOf(Year);

    public static DateTimeOffset StartOf(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <param name="Windows">Every window overlapping the year, by start.</param>
/// <param name="FetchedAt">When they were computed.</param>
[ImmutableObject(true)] // the cache may hand out this instance instead of a copy per hit
public sealed record EphemerisYear(ImmutableArray<ComputedVocWindow> Windows, DateTimeOffset FetchedAt)
    : ICacheableResponse<EphemerisYear>
{
    public CacheStatus CacheStatus { get; init; }

    public EphemerisYear WithCacheStatus(CacheStatus status) =>
        status == CacheStatus ? this : this with { CacheStatus = status };
}

public sealed class GetEphemerisYearQueryHandler(IEphemeris ephemeris, TimeProvider timeProvider)
    : IQueryHandler<GetEphemerisYearQuery, EphemerisYear>
{
    public ValueTask<EphemerisYear> Handle(GetEphemerisYearQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new EphemerisYear(
            ephemeris.VoidWindows(query.Start, GetEphemerisYearQuery.StartOf(query.Year + 1), query.Planets),
            timeProvider.GetUtcNow()));
}
