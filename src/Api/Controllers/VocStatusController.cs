using LunarVoc.Api.Contracts;
using LunarVoc.Api.Http;
using LunarVoc.Api.Security;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Domain.VocWindows;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Controllers;

/// <summary>Whether the Moon is void of course now: the reads apps poll all day, answered from the cache.</summary>
[ApiController]
[Route("api/lunar/voc")]
[EnableRateLimiting(RateLimiting.Reads)]
public sealed class VocStatusController(
    ISender sender,
    TimeProvider timeProvider,
    ResponseBodyMemo<VocStatusResponse> statusBodies,
    ResponseBodyMemo<VocCurrentResponse> currentBodies,
    IOptions<CachingOptions> caching) : ControllerBase
{
    /// <summary>Whether the Moon is void of course now, the next window, and the windows of the next 48 hours.</summary>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every window also gets start_local and end_local in it.</param>
    /// <response code="200">The status at the moment of the response; cacheable until the next window boundary at the latest (ETag, Cache-Control).</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="503">The database is unreachable and no earlier answer is available.</response>
    [HttpGet("status")]
    [ProducesResponseType<VocStatusResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<Microsoft.AspNetCore.Mvc.ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetStatus([FromQuery] TimeZoneInfo? tz)
    {
        var snapshot = await sender.Send(new GetVocStatusQuery(), HttpContext.RequestAborted);
        var now = timeProvider.GetUtcNow();
        CacheHeaders.Apply(Response, snapshot.CacheStatus, snapshot.FetchedAt, now);
        var body = tz is null
            ? statusBodies.Get(snapshot, now, VocStatusResponse.From)
            : InZone(statusBodies, snapshot, now, status => VocStatusResponse.From(snapshot, status, tz));
        return Answer(body, snapshot, now, caching.Value.StatusTtl);
    }

    /// <summary>Whether the Moon is void of course now, and the window if so.</summary>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: the window also gets start_local and end_local in it.</param>
    /// <response code="200">The current state at the moment of the response; cacheable until the next window boundary at the latest.</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="503">The database is unreachable and no earlier answer is available.</response>
    [HttpGet("current")]
    [ProducesResponseType<VocCurrentResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<Microsoft.AspNetCore.Mvc.ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetCurrent([FromQuery] TimeZoneInfo? tz)
    {
        var snapshot = await sender.Send(new GetCurrentVocQuery(), HttpContext.RequestAborted);
        var now = timeProvider.GetUtcNow();
        CacheHeaders.Apply(Response, snapshot.CacheStatus, snapshot.FetchedAt, now);
        var body = tz is null
            ? currentBodies.Get(snapshot, now, VocCurrentResponse.From)
            : InZone(currentBodies, snapshot, now, status => VocCurrentResponse.From(snapshot, status, tz));
        return Answer(body, snapshot, now, caching.Value.CurrentTtl);
    }

    /// <summary>An answer for one time zone: not memoised, valid until the status it shows changes.</summary>
    private static ResponseBodyMemo<T>.Body InZone<T>(ResponseBodyMemo<T> memo, VocWindowSnapshot snapshot, DateTimeOffset now, Func<VocStatus, T> build)
        where T : class
    {
        var status = snapshot.StatusAt(now);
        return memo.Serialize(build(status), status.ValidUntil);
    }

    /// <summary>
    /// Clients and CDNs may keep the answer until the cached data expires or the status it shows
    /// changes (the next window boundary), whichever comes first; a stale answer not at all.
    /// </summary>
    private static JsonBytesResult Answer<T>(ResponseBodyMemo<T>.Body body, VocWindowSnapshot snapshot, DateTimeOffset now, TimeSpan ttl)
        where T : class
    {
        var until = snapshot.FetchedAt + ttl;
        if (body.ValidUntil is { } boundary && boundary < until)
        {
            until = boundary;
        }

        var maxAge = snapshot.CacheStatus == CacheStatus.Stale ? TimeSpan.Zero : until - now;
        return new JsonBytesResult(body.Bytes, body.ETag, TimeSpan.FromSeconds(Math.Floor(Math.Max(0, maxAge.TotalSeconds))));
    }
}
