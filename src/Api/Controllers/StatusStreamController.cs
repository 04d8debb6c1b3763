using LunarVoc.Api.Streams;

namespace LunarVoc.Api.Controllers;

/// <summary>The status pushed as it changes, instead of polled.</summary>
[ApiController]
[Route("api/lunar/voc")]
public sealed class StatusStreamController(StatusStreamWriter stream) : ControllerBase
{
    /// <summary>A live stream of the status (Server-Sent Events): the same JSON as /status, as event "status".</summary>
    /// <remarks>
    /// Sent at once (unless Last-Event-ID names the current status), then within a second of every
    /// change: a window starting, ending or entering the 48 h horizon, or a change to the stored
    /// windows on any instance. A comment line every 15 s keeps proxies from closing it.
    /// </remarks>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every window also gets start_local and end_local in it.</param>
    /// <response code="200">The stream (text/event-stream).</response>
    /// <response code="429">This client has as many streams open as it may.</response>
    /// <response code="503">This instance has as many streams open as it may.</response>
    [HttpGet("status/stream", Name = "streamStatus")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task Stream([FromQuery] TimeZoneInfo? tz) => stream.RunAsync(HttpContext, tz);
}
