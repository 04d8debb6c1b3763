using LunarVoc.Application.Moon.GetMoon;
using LunarVoc.Application.Moon.GetMoonPhases;
using LunarVoc.Application.Moon.GetMoonSky;
using LunarVoc.Domain.Sky;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Controllers;

/// <summary>The Moon itself — sign, degree, phase, illumination — from the same ephemeris as the windows.</summary>
[ApiController]
[Route("api/lunar/moon")]
public sealed class MoonController(ISender sender, ResponseBodyMemo<MoonResponse> bodies) : ControllerBase
{
    /// <summary>The Moon now, or at an instant: sign and degree, phase and illuminated fraction, the phases around it, its next ingress and its void.</summary>
    /// <remarks>Now is described at the start of the current minute, or at the last change within it (an ingress, a phase, a change of phase name, a void's start or end). The phase is named as people name it: a quarter, full or new Moon only within about a day of the exact phase, a crescent or gibbous Moon between.</remarks>
    /// <param name="at" example="2026-11-24T12:00:00Z">The instant to describe, in 1900–2100 (ISO-8601 with an offset, or a date); now when left out.</param>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every instant also gets its _local in it.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">The Moon at the instant. For now: cacheable until the next minute or the next change, whichever is sooner; for an instant asked for, for a day.</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="400">A parameter is invalid; errors name it.</response>
    [HttpGet(Name = "getMoon")]
    [ProducesResponseType<MoonResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Get([FromQuery] DateTimeOffset? at, [FromQuery] TimeZoneInfo? tz, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetMoonQuery(at), cancellationToken);
        return bodies.Respond(Response, answer.Report, answer.MaxAge, tz, MoonResponse.From);
    }

    /// <summary>Every principal phase (new Moon, first quarter, full Moon, last quarter) in a range of up to 10 years within 1900–2100.</summary>
    /// <remarks>Each instant is when the Moon's elongation from the Sun is exactly 0°, 90°, 180° or 270°, to the second; computed a calendar year at a time.</remarks>
    /// <param name="from" example="2026-01-01T00:00:00Z">Start of the range: ISO-8601 with an offset, or a date (midnight UTC).</param>
    /// <param name="to" example="2027-01-01T00:00:00Z">End of the range, exclusive; at most 10 years after from, and not after 2101-01-01.</param>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every phase also gets at_local in it.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">Every principal phase in the range, by instant.</response>
    /// <response code="400">A parameter is missing or invalid; errors name it.</response>
    [HttpGet("phases", Name = "getMoonPhases")]
    [HttpCacheable(maxAgeSeconds: 86_400)]
    [ProducesResponseType<MoonPhasesResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<MoonPhasesResponse> GetPhases(
        [FromQuery, BindRequired] DateTimeOffset from,
        [FromQuery, BindRequired] DateTimeOffset to,
        [FromQuery] TimeZoneInfo? tz,
        CancellationToken cancellationToken)
    {
        var phases = await sender.Send(new GetMoonPhasesQuery(from, to), cancellationToken);
        return new MoonPhasesResponse(from, to, phases.Select(phase => MoonPhaseResponse.From(phase, tz)).ToArray());
    }

    /// <summary>The Moon for a place: rise, set and culmination each local day, and where it stands now.</summary>
    /// <remarks>
    /// The reference convention: the Moon rises or sets when its upper limb touches the horizon with standard refraction (34′), seen
    /// from the place (topocentric: the Moon's parallax of about 57′ included). Far north or south a day may have no rise or no set
    /// (no_rise and no_set say why), or two. The days are local days in tz: a day across a change of clocks is 23 or 25 hours long.
    /// Computed from the built-in ephemeris for any place; coordinates are never a cache key.
    /// </remarks>
    /// <param name="lat" example="48.8566">Latitude in degrees north, -90 to 90.</param>
    /// <param name="lon" example="2.3522">Longitude in degrees east, -180 to 180.</param>
    /// <param name="elevation" example="35">Height above sea level in metres, -500 to 9000; 0 when left out.</param>
    /// <param name="date" example="2026-11-24">One local day, in 1900–2100. Leave date, from and to out for today and the Moon now.</param>
    /// <param name="from" example="2026-11-01">The first of several local days.</param>
    /// <param name="to" example="2026-11-30">The last of them, included; at most 366 days from from.</param>
    /// <param name="tz" example="Europe/Paris">The IANA zone whose days are meant, and in which every instant also gets its _local; UTC when left out.</param>
    /// <param name="limb" example="upper">upper (the default, the reference services' convention) or center: the point of the disc on the horizon.</param>
    /// <param name="refraction" example="standard">standard (34′, the default) or none.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">Each day asked for, and the Moon now when no day was asked.</response>
    /// <response code="400">A parameter is missing or invalid; errors name it.</response>
    [HttpGet("sky", Name = "getMoonSky")]
    [HttpCacheable(maxAgeSeconds: 60)]
    [ProducesResponseType<MoonSkyResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<MoonSkyResponse> GetSky(
        [FromQuery, BindRequired] double lat,
        [FromQuery, BindRequired] double lon,
        [FromQuery] double? elevation,
        [FromQuery] DateOnly? date,
        [FromQuery] DateOnly? from,
        [FromQuery] DateOnly? to,
        [FromQuery] TimeZoneInfo? tz,
        [FromQuery] Limb? limb,
        [FromQuery] Refraction? refraction,
        CancellationToken cancellationToken)
    {
        var query = new GetMoonSkyQuery(
            new Place(lat, lon, elevation ?? 0), date, from, to, tz ?? TimeZoneInfo.Utc, new Horizon(limb ?? Limb.Upper, refraction ?? Refraction.Standard));
        return MoonSkyResponse.From(await sender.Send(query, cancellationToken));
    }
}
