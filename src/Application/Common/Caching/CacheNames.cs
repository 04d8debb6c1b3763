namespace LunarVoc.Application.Common.Caching;

/// <summary>The names of the cached reads, as the cache statistics report them.</summary>
public static class CacheNames
{
    public const string VocStatus = "voc_status";
    public const string VocCurrent = "voc_current";

    /// <summary>
    /// The keys under each tag. Tag invalidation reaches only this instance's memory and entries it
    /// reads later; removing the keys themselves also empties the shared (Redis) level for every instance.
    /// </summary>
    public static IReadOnlyList<string> Tagged(IEnumerable<string> tags) =>
        tags.Contains(CacheTags.VocWindows[0]) ? [VocStatus, VocCurrent] : [];
}
