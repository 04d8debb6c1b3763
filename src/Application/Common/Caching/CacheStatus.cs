namespace LunarVoc.Application.Common.Caching;

/// <summary>Where an answer came from: the store just now, the cache, or the last good answer.</summary>
public enum CacheStatus
{
    /// <summary>Read from the database for this request.</summary>
    Miss,

    /// <summary>Served from the cache while fresh.</summary>
    Hit,

    /// <summary>The database failed or was slow; the last good answer is served.</summary>
    Stale,
}
