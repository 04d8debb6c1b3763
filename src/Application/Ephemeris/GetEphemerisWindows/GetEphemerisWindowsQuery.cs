using System.Collections.Immutable;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Mediator;
using Microsoft.Extensions.Caching.Hybrid;

namespace LunarVoc.Application.Ephemeris.GetEphemerisWindows;

/// <summary>Windows computed on demand for [From, To), not stored.</summary>
public sealed record GetEphemerisWindowsQuery(DateTimeOffset From, DateTimeOffset To, PlanetSet Planets)
    : IQuery<ImmutableArray<ComputedVocWindow>>
{
    public const int MaxYears = 10;
}

/// <summary>
/// A computation, not a database read, so none of the read path's retry or stale fallback applies.
/// Windows are computed a calendar year at a time and any range is answered by slicing those years:
/// 201 years × 2 conventions is the whole domain, so whatever ranges clients ask for, each year is
/// computed at most once per process (shared through the second-level cache where there is one)
/// and the memory held is bounded by the domain, not by the number of distinct ranges.
/// </summary>
public sealed class GetEphemerisWindowsQueryHandler(IVocCalculator calculator, HybridCache cache)
    : IQueryHandler<GetEphemerisWindowsQuery, ImmutableArray<ComputedVocWindow>>
{
    // The windows of a year never change; a long lifetime only bounds how long a superseded build's answer lives in Redis.
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromDays(30), LocalCacheExpiration = TimeSpan.FromDays(30) };
    private static readonly string[] Tags = ["voc-ephemeris"];

    public async ValueTask<ImmutableArray<ComputedVocWindow>> Handle(GetEphemerisWindowsQuery query, CancellationToken cancellationToken)
    {
        var windows = ImmutableArray.CreateBuilder<ComputedVocWindow>();
        var firstYear = query.From.UtcDateTime.Year;
        var lastYear = query.To.AddTicks(-1).UtcDateTime.Year;
        for (var year = firstYear; year <= lastYear; year++)
        {
            var yearStart = YearStart(year);
            foreach (var window in await YearAsync(year, query.Planets, cancellationToken))
            {
                // A window crossing New Year is in both years' lists: take it from the year it starts in.
                var seenInEarlierYear = year > firstYear && window.StartAt < yearStart;
                if (!seenInEarlierYear && window.EndAt > query.From && window.StartAt < query.To)
                {
                    windows.Add(window);
                }
            }
        }

        return windows.ToImmutable();
    }

    /// <summary>Every window overlapping the calendar year (UTC), by start.</summary>
    private async ValueTask<ComputedVocWindow[]> YearAsync(int year, PlanetSet planets, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(
            $"voc-ephemeris:{planets}:{year}",
            (calculator, year, planets),
            static (state, _) => ValueTask.FromResult(
                state.calculator.Compute(YearStart(state.year), YearStart(state.year + 1), state.planets).ToArray()),
            Entry,
            Tags,
            cancellationToken);

    private static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
