using LunarVoc.Api.Errors;
using LunarVoc.Api.Security;
using LunarVoc.Api.Swagger;
using LunarVoc.Application.VocWindows.GetVocWindow;
using LunarVoc.Application.VocWindows.ListVocWindows;
using LunarVoc.Application.VocWindows.SaveVocWindow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;

namespace LunarVoc.Api.Controllers;

/// <summary>Stored void-of-course windows: read one, list a range, save one.</summary>
[ApiController]
[Route("api/lunar/voc")]
public sealed class VocWindowsController(ISender sender) : ControllerBase
{
    /// <summary>One stored window.</summary>
    /// <remarks>The target of the Location header a write answers with.</remarks>
    /// <param name="id" example="17">The window's id.</param>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: the window also gets start_local and end_local in it.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">The window.</response>
    /// <response code="404">No window has this id.</response>
    /// <response code="503">The database is unreachable.</response>
    [HttpGet("{id:long}", Name = "getWindow")]
    [HttpCacheable(maxAgeSeconds: 60)]
    [ProducesResponseType<VocWindowResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult<VocWindowResponse>> GetWindow(long id, [FromQuery] TimeZoneInfo? tz, CancellationToken cancellationToken)
    {
        var window = await sender.Send(new GetVocWindowQuery(id), cancellationToken);
        return window is null ? Problems.Result(StatusCodes.Status404NotFound, "No such window.", $"No window has id {id}.") : VocWindowResponse.From(window, tz);
    }

    /// <summary>Stored windows overlapping a range, ordered by start, a page at a time.</summary>
    /// <remarks>Follow next until it is null; a range spans at most 10 years.</remarks>
    /// <param name="from" example="2026-01-01T00:00:00Z">Start of the range: ISO-8601 with an offset, or a date (midnight UTC).</param>
    /// <param name="to" example="2026-04-01T00:00:00Z">End of the range, exclusive; at most 10 years after from.</param>
    /// <param name="limit" example="100">Page size, 1 to 500 (default 100).</param>
    /// <param name="after" example="2026-02-03T04:05:06Z">Only windows starting after this instant: the cursor of the next page.</param>
    /// <param name="tz" example="Europe/Paris">An IANA time zone: every window also gets start_local and end_local in it.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">A page of windows, and the link to the next page when there is one.</response>
    /// <response code="400">A parameter is missing or invalid; errors name it.</response>
    /// <response code="503">The database is unreachable.</response>
    [HttpGet("windows", Name = "listWindows")]
    [HttpCacheable(maxAgeSeconds: 60)]
    [ProducesResponseType<VocWindowPageResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<VocWindowPageResponse> ListWindows(
        [FromQuery, BindRequired] DateTimeOffset from,
        [FromQuery, BindRequired] DateTimeOffset to,
        [FromQuery] DateTimeOffset? after,
        [FromQuery] TimeZoneInfo? tz,
        CancellationToken cancellationToken,
        [FromQuery, DocumentedRange(1, ListVocWindowsQuery.MaxLimit)] int limit = ListVocWindowsQuery.DefaultLimit)
    {
        var page = await sender.Send(new ListVocWindowsQuery(from, to, after, limit), cancellationToken);
        var next = page.NextAfter is { } nextAfter
            ? Url.Action(nameof(ListWindows), new { from = IsoInstant.Format(from), to = IsoInstant.Format(to), limit, after = IsoInstant.Format(nextAfter), tz = tz?.Id })
            : null;
        return new VocWindowPageResponse(page.Windows.Select(window => VocWindowResponse.From(window, tz)).ToArray(), next);
    }

    /// <summary>Stores a window, or updates the source of the window with the same start_at and end_at.</summary>
    /// <remarks>
    /// Idempotent on (start_at, end_at): saving the same bounds again never creates a second row.
    /// Stored windows never overlap: a window overlapping a different stored one is refused with 409
    /// naming it, unless "replace": true asks for the overlapping windows to be replaced atomically.
    /// </remarks>
    /// <param name="command">The window; times are ISO-8601 with an explicit offset.</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="201">The window is new; Location points at it.</response>
    /// <response code="200">A window with these bounds already existed; its source was updated.</response>
    /// <response code="400">The body is malformed or invalid; errors name the fields.</response>
    /// <response code="401">The X-Api-Key header is missing or not accepted; nothing was stored.</response>
    /// <response code="409">The window overlaps a different stored window, named in conflicting_window; nothing was stored.</response>
    /// <response code="413">The body is larger than 16 KiB.</response>
    /// <response code="429">This key has used its write budget for now; see Retry-After.</response>
    /// <response code="503">The database did not answer within the budget. If it only answers later the window may still be stored; sending the same window again is safe (200, never a second row).</response>
    [HttpPost(Name = "saveWindow")]
    [Authorize(Policy = ApiSecurity.WriterPolicy)]
    [EnableRateLimiting(RateLimiting.Writes)]
    [Consumes("application/json")]
    [ProducesResponseType<VocWindowResponse>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<VocWindowResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<WindowConflictProblem>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult<VocWindowResponse>> Save(SaveVocWindowCommand command, CancellationToken cancellationToken)
    {
        var saved = await sender.Send(command, cancellationToken);
        var body = VocWindowResponse.From(saved.Window);
        return saved.Outcome switch
        {
            // Relative: built from the request's Host header, an absolute Location could point anywhere.
            SaveOutcome.Created => Created(Url.Action(nameof(GetWindow), new { id = body.Id }), body),
            SaveOutcome.Updated => Ok(body),
            _ => Conflict(body),
        };
    }

    private static ActionResult Conflict(VocWindowResponse stored) => Problems.Result(
        StatusCodes.Status409Conflict,
        "The window overlaps a stored window.",
        $"Window {stored.Id} ({IsoInstant.Format(stored.StartAt)} to {IsoInstant.Format(stored.EndAt)}, from {stored.Source}) overlaps it. "
            + "Send \"replace\": true to replace the overlapping windows.",
        new Dictionary<string, object?> { ["conflicting_window"] = stored });
}
