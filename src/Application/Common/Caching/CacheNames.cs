namespace LunarVoc.Application.Common.Caching;

/// <summary>The names of the cached reads, as cache_stats reports them.</summary>
public static class CacheNames
{
    public const string VocStatus = "voc_status";
    public const string VocCurrent = "voc_current";
}
