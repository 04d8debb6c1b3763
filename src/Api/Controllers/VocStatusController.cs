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
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Controllers;

/// <summary>Whether the Moon is void of course now: the reads apps poll all day, answered from the cache.</summary>
[ApiController]
[Route("api/lunar/voc")]
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
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetStatus([FromQuery] TimeZoneInfo? tz) =>
        Answer(
            await sender.Send(new GetVocStatusQuery(), HttpContext.RequestAborted),
            statusBodies, VocStatusResponse.From, VocStatusResponse.From, caching.Value.StatusTtl, tz);

    /// <summary>Whether the Moon is void of course now, and the window if so.</summary>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: the window also gets start_local and end_local in it.</param>
    /// <response code="200">The current state at the moment of the response; cacheable until the next window boundary at the latest.</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="503">The database is unreachable and no earlier answer is available.</response>
    [HttpGet("current")]
    [ProducesResponseType<VocCurrentResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetCurrent([FromQuery] TimeZoneInfo? tz) =>
        Answer(
            await sender.Send(new GetCurrentVocQuery(), HttpContext.RequestAborted),
            currentBodies, VocCurrentResponse.From, VocCurrentResponse.From, caching.Value.CurrentTtl, tz);

    /// <summary>
    /// The answer for now: the memoised UTC body, or one built for a time zone. Clients and CDNs may
    /// keep it until the cached data expires or the status it shows changes (the next window
    /// boundary), whichever comes first; a stale answer not at all.
    /// </summary>
    private JsonBytesResult Answer<T>(
        VocWindowSnapshot snapshot,
        ResponseBodyMemo<T> memo,
        Func<VocWindowSnapshot, VocStatus, T> inUtc,
        Func<VocWindowSnapshot, VocStatus, TimeZoneInfo?, T> inZone,
        TimeSpan ttl,
        TimeZoneInfo? zone)
        where T : class
    {
        var now = timeProvider.GetUtcNow();
        CacheHeaders.Apply(Response, snapshot.CacheStatus, snapshot.FetchedAt, now);
        ResponseBodyMemo<T>.Body body;
        if (zone is null)
        {
            body = memo.Get(snapshot, now, inUtc);
        }
        else
        {
            var status = snapshot.StatusAt(now);
            body = memo.Serialize(inZone(snapshot, status, zone), status.ValidUntil);
        }

        var until = snapshot.FetchedAt + ttl;
        if (body.ValidUntil is { } boundary && boundary < until)
        {
            until = boundary;
        }

        var maxAge = snapshot.CacheStatus == CacheStatus.Stale ? TimeSpan.Zero : until - now;
        return new JsonBytesResult(body.Bytes, body.ETag, TimeSpan.FromSeconds(Math.Floor(Math.Max(0, maxAge.TotalSeconds))));
    }
}
