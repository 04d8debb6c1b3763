using System.ComponentModel;
using LunarVoc.Application.Ephemeris;

namespace LunarVoc.Application.Moon.GetMoonPhases;

/// <summary>
/// Every principal phase of one calendar year (UTC): the unit phases are computed and cached in,
/// as the ephemeris' windows are. The years 1899 to 2101 are the whole domain (the phases just
/// outside 1900–2100 are needed around its ends), so the memory held is bounded by it.
/// </summary>
public sealed record GetPhasesYearQuery(int Year) : ICachedQuery<PhasesYear>
{
    public static string CacheName => "moon_phases";

    public string CacheKey => $"moon-phases:{Year}";

    public static IReadOnlyList<string> Tags => ["moon-phases"];

    // The phases of a year never change; the lifetime only bounds how long a superseded build's answer lives in the shared cache.
    public static TimeSpan Ttl(CachingOptions options) => TimeSpan.FromDays(30);

    public static DateTimeOffset StartOf(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <param name="Phases">The principal phases of the year, by instant.</param>
/// <param name="FetchedAt">When they were computed.</param>
[ImmutableObject(true)] // the cache may hand out this instance instead of a copy per hit
public sealed record PhasesYear(ImmutableArray<LunarPhase> Phases, DateTimeOffset FetchedAt) : ICacheableResponse<PhasesYear>
{
    public CacheStatus CacheStatus { get; init; }

    public PhasesYear WithCacheStatus(CacheStatus status) => status == CacheStatus ? this : this with { CacheStatus = status };
}

public sealed class GetPhasesYearQueryHandler(IEphemeris ephemeris, TimeProvider timeProvider)
    : IQueryHandler<GetPhasesYearQuery, PhasesYear>
{
    public ValueTask<PhasesYear> Handle(GetPhasesYearQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PhasesYear(
            ephemeris.Phases(GetPhasesYearQuery.StartOf(query.Year), GetPhasesYearQuery.StartOf(query.Year + 1)),
            timeProvider.GetUtcNow()));
}
