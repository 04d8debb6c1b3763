using Microsoft.Extensions.Options;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// Every cached query of the application, found once by reflection: the names the statistics
/// report, their lifetimes, and the keys an invalidation of some tags must remove. A new cached
/// query is found here by declaring itself; nothing lists features.
/// </summary>
public sealed class CachedQueries(IOptions<CachingOptions> options)
{
    private readonly Lazy<IReadOnlyList<CachedQueryInfo>> _all = new(() => Discover(options.Value));

    /// <summary>By name.</summary>
    public IReadOnlyList<CachedQueryInfo> All => _all.Value;

    public IReadOnlyList<string> NamesTagged(IEnumerable<string> tags) =>
        [.. All.Where(query => query.Tags.Intersect(tags, StringComparer.Ordinal).Any()).Select(query => query.Name)];

    private static IReadOnlyList<CachedQueryInfo> Discover(CachingOptions options) =>
        [.. typeof(CachedQueries).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false } && typeof(ICachedQuery).IsAssignableFrom(type))
            .Select(type => (ICachedQuery)Activator.CreateInstance(type)!)
            .Select(query => new CachedQueryInfo(query.CacheName, query.Tags, query.Ttl(options)))
            .OrderBy(query => query.Name, StringComparer.Ordinal)];
}

/// <param name="Name">The cache key and the name the statistics report.</param>
/// <param name="Tags">The tags writes invalidate it by.</param>
/// <param name="Ttl">How long a fetched answer stays fresh.</param>
public sealed record CachedQueryInfo(string Name, IReadOnlyList<string> Tags, TimeSpan Ttl);
