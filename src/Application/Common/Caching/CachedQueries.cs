using System.Reflection;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// Every cached query type of the application, found once by reflection: the names the statistics
/// report, their lifetimes, and the names an invalidation of some tags concerns. A new cached
/// query is found here by declaring itself; nothing lists features.
/// </summary>
public sealed class CachedQueries(IOptions<CachingOptions> options)
{
    private static readonly MethodInfo DescribeMethod = typeof(CachedQueries).GetMethod(nameof(Describe), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Lazy<IReadOnlyList<CachedQueryInfo>> _all = new(() => Discover(options.Value));

    /// <summary>By name.</summary>
    public IReadOnlyList<CachedQueryInfo> All => _all.Value;

    public IReadOnlyList<string> NamesTagged(IEnumerable<string> tags) =>
        [.. All.Where(query => query.Tags.Intersect(tags, StringComparer.Ordinal).Any()).Select(query => query.Name)];

    private static IReadOnlyList<CachedQueryInfo> Discover(CachingOptions options) =>
        [.. typeof(CachedQueries).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false } && typeof(ICachedQuery).IsAssignableFrom(type))
            .Select(type => (CachedQueryInfo)DescribeMethod.MakeGenericMethod(type).Invoke(null, [options])!)
            .OrderBy(query => query.Name, StringComparer.Ordinal)];

    private static CachedQueryInfo Describe<TQuery>(CachingOptions options)
        where TQuery : ICachedQuery =>
        new(TQuery.CacheName, TQuery.Tags, TQuery.Ttl(options));
}

/// <param name="Name">The name the statistics report.</param>
/// <param name="Tags">The tags writes invalidate it by.</param>
/// <param name="Ttl">How long a fetched answer stays fresh.</param>
public sealed record CachedQueryInfo(string Name, IReadOnlyList<string> Tags, TimeSpan Ttl);
