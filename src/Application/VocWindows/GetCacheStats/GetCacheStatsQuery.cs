namespace LunarVoc.Application.VocWindows.GetCacheStats;

/// <summary>The state of every cached read, by cache name.</summary>
public sealed record GetCacheStatsQuery : IQuery<IReadOnlyDictionary<string, CacheEntryStats>>;

public sealed class GetCacheStatsQueryHandler(CacheStatistics statistics, CachedQueries queries)
    : IQueryHandler<GetCacheStatsQuery, IReadOnlyDictionary<string, CacheEntryStats>>
{
    public ValueTask<IReadOnlyDictionary<string, CacheEntryStats>> Handle(GetCacheStatsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, CacheEntryStats>>(
            queries.All.ToDictionary(cached => cached.Name, cached => statistics.Describe(cached.Name, cached.Ttl), StringComparer.Ordinal));
}
