using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LunarVoc.Api.Security;
using LunarVoc.Api.Swagger;
using LunarVoc.Application.Ephemeris.GetComingWindows;
using LunarVoc.Application.Moon.GetMoonPhases;

namespace LunarVoc.Api.Controllers;

/// <summary>The void-of-course windows as a calendar feed to subscribe to.</summary>
[ApiController]
[Route("api/lunar/voc/calendar.ics")]
public sealed class CalendarController(ISender sender) : ControllerBase
{

    /// <summary>An iCalendar (RFC 5545) feed of the coming windows, for Google, Apple or Outlook calendars.</summary>
    /// <remarks>
    /// One event per window, titled with the sign ("Moon void of course in Leo"), with the last aspect
    /// in the description. UIDs are stable (they name the ingress that ends the window), so a
    /// subscribed calendar updates events instead of duplicating them.
    /// </remarks>
    /// <param name="days" example="90">How many days ahead, from the start of today (UTC): 1 to 366 (default 90).</param>
    /// <param name="planets" example="modern">modern (Sun to Pluto, the default) or traditional (Sun to Saturn).</param>
    /// <param name="include" example="phases">phases: the principal phases of the Moon as events too ("Full Moon", at the exact instant).</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    /// <response code="200">The feed (text/calendar).</response>
    /// <response code="304">The client's copy (If-None-Match) is current.</response>
    /// <response code="400">A parameter is invalid; errors name it.</response>
    [HttpGet(Name = "getCalendar")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/calendar")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Get(
        [FromQuery, DocumentedRange(1, GetComingWindowsQuery.MaxDays)] int days = 90,
        [FromQuery] PlanetSet planets = PlanetSet.Modern,
        [FromQuery] CalendarExtra? include = null,
        CancellationToken cancellationToken = default)
    {
        var coming = await sender.Send(new GetComingWindowsQuery(days, planets), cancellationToken);
        var phases = include == CalendarExtra.Phases
            ? await sender.Send(new GetMoonPhasesQuery(coming.From, coming.Until), cancellationToken)
            : [];
        var body = Encoding.UTF8.GetBytes(Feed(coming.Windows, phases, planets, coming.From));
        return new CacheableBytesResult(body, TimeSpan.FromHours(1), "text/calendar; charset=utf-8", "lunarvoc.ics");
    }

    private static string Feed(IReadOnlyCollection<VocWindow> windows, IReadOnlyCollection<LunarPhase> phases, PlanetSet planets, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//LunarVoc//Void of course Moon//EN" };
        calendar.AddProperty("X-WR-CALNAME", phases.Count > 0 ? "Moon void of course and phases" : "Moon void of course");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT12H");
        var convention = planets.ToString().ToLowerInvariant();
        foreach (var window in windows)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = string.Create(CultureInfo.InvariantCulture, $"voc-{window.EndAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{convention}@lunarvoc"),
                Summary = window.Details is { } details ? $"Moon void of course in {details.Sign}" : "Moon void of course",
                Description = window.Details is { } known ? Describe(known) : $"Posted by {window.Source}.",
                Start = new CalDateTime(window.StartAt.UtcDateTime),
                End = new CalDateTime(window.EndAt.UtcDateTime),
                DtStamp = new CalDateTime(stamp.UtcDateTime),
                Transparency = "TRANSPARENT",
            });
        }

        foreach (var phase in phases)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = string.Create(CultureInfo.InvariantCulture, $"{MoonPhaseResponse.Name(phase.Phase)}-{phase.At.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}@lunarvoc"),
                Summary = PhaseTitles[phase.Phase],
                Start = new CalDateTime(phase.At.UtcDateTime),
                // No end: an event with a start time and neither DTEND nor DURATION is an instant (RFC 5545, 3.6.1).
                DtStamp = new CalDateTime(stamp.UtcDateTime),
                Transparency = "TRANSPARENT",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static readonly Dictionary<MoonPhase, string> PhaseTitles = new()
    {
        [MoonPhase.NewMoon] = "New Moon",
        [MoonPhase.FirstQuarter] = "First quarter Moon",
        [MoonPhase.FullMoon] = "Full Moon",
        [MoonPhase.LastQuarter] = "Last quarter Moon",
    };

    private static string Describe(VocWindowDetails details) => details.LastAspect is { } aspect
        ? $"Last aspect: Moon {aspect.Aspect.ToString().ToLowerInvariant()} {aspect.Planet}. The void ends when the Moon enters {details.NextSign}."
        : $"The Moon makes no major aspect in {details.Sign}; the void lasts from its ingress until it enters {details.NextSign}.";
}
