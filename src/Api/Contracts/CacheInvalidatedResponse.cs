namespace LunarVoc.Api.Contracts;

/// <summary>The caches that were cleared.</summary>
/// <param name="Cleared" example="[&quot;voc_status&quot;,&quot;voc_current&quot;]">The names cache_stats reports them under.</param>
public sealed record CacheInvalidatedResponse(IReadOnlyList<string> Cleared);
