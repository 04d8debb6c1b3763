using LunarVoc.Api.Security;
using LunarVoc.Application.VocWindows.GetCacheStats;
using LunarVoc.Application.VocWindows.InvalidateCaches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace LunarVoc.Api.Controllers;

/// <summary>The VoC caches: their figures, and the hook that clears them.</summary>
[ApiController]
[Route("api/lunar/voc")]
public sealed class VocCacheController(ISender sender) : ControllerBase
{
    /// <summary>Drops the cached VoC reads on every instance: for an upstream provider whose data changed.</summary>
    /// <remarks>Instances sharing a second-level cache see it at once there, and within the local lifetime (5 s) in their own memory.</remarks>
    /// <response code="202">The caches are cleared; the next reads come from the database.</response>
    /// <response code="401">The X-Api-Key header is missing or not accepted.</response>
    /// <response code="429">This key has used its write budget for now; see Retry-After.</response>
    [HttpPost("cache/invalidate", Name = "invalidateCaches")]
    [Authorize(Policy = ApiSecurity.WriterPolicy)]
    [EnableRateLimiting(RateLimiting.Writes)]
    [ProducesResponseType<CacheInvalidatedResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> InvalidateCaches(CancellationToken cancellationToken)
    {
        var cleared = await sender.Send(new InvalidateVocCachesCommand(), cancellationToken);
        return Accepted(new CacheInvalidatedResponse(cleared));
    }

    /// <summary>The state of every cached query (voc_status, voc_current, voc_ephemeris, moon_now, …: each found, not listed).</summary>
    /// <remarks>For operators: whether each cache holds a fresh value, its age, and its counters since start-up.</remarks>
    /// <response code="200">Per cache, by name: whether it holds fresh data, its age and TTL in seconds, and its counters since start-up.</response>
    [HttpGet("cache_stats", Name = "getCacheStats")]
    [HttpCacheable(maxAgeSeconds: 0)]
    [ProducesResponseType<IReadOnlyDictionary<string, CacheEntryStats>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IReadOnlyDictionary<string, CacheEntryStats>> GetCacheStats(CancellationToken cancellationToken) =>
        await sender.Send(new GetCacheStatsQuery(), cancellationToken);
}
