using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetCacheStats;

/// <summary>The state of the status and current caches.</summary>
public sealed record GetCacheStatsQuery : IQuery<CacheStatsReport>;

/// <param name="VocStatus">The cache behind /status.</param>
/// <param name="VocCurrent">The cache behind /current.</param>
public sealed record CacheStatsReport(CacheEntryStats VocStatus, CacheEntryStats VocCurrent);

public sealed class GetCacheStatsQueryHandler(CacheStatistics statistics, IOptions<CachingOptions> options)
    : IQueryHandler<GetCacheStatsQuery, CacheStatsReport>
{
    public ValueTask<CacheStatsReport> Handle(GetCacheStatsQuery query, CancellationToken cancellationToken)
    {
        var ttls = options.Value;
        return ValueTask.FromResult(new CacheStatsReport(
            statistics.Describe(CacheNames.VocStatus, ttls.StatusTtl),
            statistics.Describe(CacheNames.VocCurrent, ttls.CurrentTtl)));
    }
}
