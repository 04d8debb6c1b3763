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
/// A computation, not a database read: the same range always gives the same windows, so answers
/// are kept per range for a day, and none of the read path's retry or stale fallback applies.
/// </summary>
public sealed class GetEphemerisWindowsQueryHandler(IVocCalculator calculator, HybridCache cache)
    : IQueryHandler<GetEphemerisWindowsQuery, ImmutableArray<ComputedVocWindow>>
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromDays(1), LocalCacheExpiration = TimeSpan.FromDays(1) };
    private static readonly string[] Tags = ["voc-ephemeris"];

    public async ValueTask<ImmutableArray<ComputedVocWindow>> Handle(GetEphemerisWindowsQuery query, CancellationToken cancellationToken)
    {
        var key = $"voc-ephemeris:{query.Planets}:{query.From.UtcTicks}:{query.To.UtcTicks}";
        var windows = await cache.GetOrCreateAsync(
            key,
            (calculator, query),
            static (state, _) => ValueTask.FromResult(state.calculator.Compute(state.query.From, state.query.To, state.query.Planets).ToArray()),
            Entry,
            Tags,
            cancellationToken);
        return [.. windows];
    }
}
