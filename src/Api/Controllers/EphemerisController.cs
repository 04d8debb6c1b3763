using LunarVoc.Api.Security;
using LunarVoc.Application.Ephemeris.GetEphemerisWindows;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Controllers;

/// <summary>Void-of-course windows computed by the built-in ephemeris.</summary>
[ApiController]
[Route("api/lunar/voc/ephemeris")]
public sealed class EphemerisController(ISender sender) : ControllerBase
{
    /// <summary>Computes the windows of a range on demand (not stored), for any range of up to 10 years within 1900–2100.</summary>
    /// <remarks>Computed a calendar year at a time, each year once per process, and sliced to the range.</remarks>
    /// <param name="from" example="2026-01-01T00:00:00Z">Start of the range: ISO-8601 with an offset, or a date (midnight UTC).</param>
    /// <param name="to" example="2026-02-01T00:00:00Z">End of the range, exclusive; at most 10 years after from, and not after 2101-01-01.</param>
    /// <param name="planets" example="modern">modern (Sun to Pluto, the default) or traditional (Sun to Saturn).</param>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every window also gets start_local and end_local in it.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">Every window overlapping the range, ordered by start.</response>
    /// <response code="400">A parameter is missing or invalid; errors name it.</response>
    [HttpGet(Name = "getEphemeris")]
    [HttpCacheable(maxAgeSeconds: 86_400)]
    [ProducesResponseType<EphemerisResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<EphemerisResponse> Get(
        [FromQuery, BindRequired] DateTimeOffset from,
        [FromQuery, BindRequired] DateTimeOffset to,
        [FromQuery] PlanetSet planets,
        [FromQuery] TimeZoneInfo? tz,
        CancellationToken cancellationToken)
    {
        var windows = await sender.Send(new GetEphemerisWindowsQuery(from, to, planets), cancellationToken);
        return new EphemerisResponse(from, to, planets.ToString().ToLowerInvariant(), windows.Select(window => ComputedVocWindowResponse.From(window, tz)).ToArray());
    }
}
