using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;

namespace LunarVoc.Api.Controllers;

/// <summary>Whether the Moon is void of course now: the reads apps poll all day, answered from the cache.</summary>
[ApiController]
[Route("api/lunar/voc")]
public sealed class VocStatusController(
    ISender sender,
    ResponseBodyMemo<VocStatusResponse> statusBodies,
    ResponseBodyMemo<VocCurrentResponse> currentBodies) : ControllerBase
{
    /// <summary>Whether the Moon is void of course now, the next window, and the windows of the next 48 hours.</summary>
    /// <remarks>Answered from the cache (the database is read at most once per cache lifetime); during a database outage the last good answer is served with stale: true. To be told of changes instead of polling, open /api/lunar/voc/status/stream.</remarks>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every window also gets start_local and end_local in it.</param>
    /// <response code="200">The status at the moment of the response; cacheable until the next window boundary at the latest (ETag, Cache-Control).</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="503">The database is unreachable and no earlier answer is available.</response>
    [HttpGet("status", Name = "getStatus")]
    [ProducesResponseType<VocStatusResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetStatus([FromQuery] TimeZoneInfo? tz) =>
        statusBodies.Respond(Response, await sender.Send(new GetVocStatusQuery(), HttpContext.RequestAborted), tz, VocStatusResponse.From);

    /// <summary>Whether the Moon is void of course now, and the window if so.</summary>
    /// <remarks>The smallest answer for clients that only need "now"; cached and served stale like /status.</remarks>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: the window also gets start_local and end_local in it.</param>
    /// <response code="200">The current state at the moment of the response; cacheable until the next window boundary at the latest.</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="503">The database is unreachable and no earlier answer is available.</response>
    [HttpGet("current", Name = "getCurrent")]
    [ProducesResponseType<VocCurrentResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> GetCurrent([FromQuery] TimeZoneInfo? tz) =>
        currentBodies.Respond(Response, await sender.Send(new GetCurrentVocQuery(), HttpContext.RequestAborted), tz, VocCurrentResponse.From);
}
