using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LunarVoc.Application.Ephemeris.GetEphemerisWindows;
using LunarVoc.Application.Moon.GetMoon;
using LunarVoc.Application.Moon.GetMoonPhases;
using LunarVoc.Application.Moon.GetMoonSky;
using LunarVoc.Domain.Sky;
using LunarVoc.Application.VocWindows.GetVocStatus;
using ModelContextProtocol.Server;

namespace LunarVoc.Api.Mcp;

/// <summary>
/// The public reads as MCP tools. Each sends the same Mediator query as its REST twin and answers the
/// same JSON (structured content, described by the same contract type as the REST answer) with a short
/// text rendering; bad arguments are tool errors with the REST 400s' messages (<see cref="ToolCall"/>).
/// </summary>
[McpServerToolType]
public sealed class LunarVocTools(ISender sender, ToolCall call)
{
    private const string TzDescription = "Optional IANA time zone, such as Europe/Paris or America/New_York: every instant then also gets a *_local twin in it.";
    private const string RangeDescription = " ISO-8601 instant with an offset (2026-01-01T00:00:00Z) or a plain date (2026-01-01, midnight UTC); at most 10 years between from and to, within 1900–2100.";

    [McpServerTool(Name = "voc_status", Title = "Is the Moon void of course now?", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(VocStatusResponse))]
    [Description("Whether the Moon is void of course now (from its last exact major aspect to a planet until it enters the next sign), the current window if so, the next window however far ahead, and every window starting in the next 48 hours. The same answer as GET /api/lunar/voc/status; stale is true when the database could not be read and the last good answer is given.")]
    public Task<ModelContextProtocol.Protocol.CallToolResult> VocStatus(
        [Description(TzDescription), MaxLength(64)] string? tz = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("voc_status", async arguments =>
        {
            var zone = arguments.Zone("tz", tz);
            arguments.ThrowIfInvalid();
            var status = VocStatusResponse.From(await sender.Send(new GetVocStatusQuery(), cancellationToken), zone);
            return (status, ToolTexts.Status(status));
        });

    [McpServerTool(Name = "voc_windows", Title = "Void-of-course windows in a range", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(EphemerisResponse))]
    [Description("Every void-of-course window overlapping [from, to), computed by the built-in ephemeris, ordered by start: when the Moon becomes void, when it enters the next sign, the signs and the aspect that began the void. A year holds about 160 windows (some 40 KB): ask for the range the question needs. The same answer as GET /api/lunar/voc/ephemeris.")]
    public Task<ModelContextProtocol.Protocol.CallToolResult> VocWindows(
        [Description("Start of the range:" + RangeDescription)] string from,
        [Description("End of the range, exclusive:" + RangeDescription)] string to,
        [Description("Which planets end a void: modern (Sun to Pluto, the default) or traditional (Sun to Saturn)."), AllowedValues("modern", "traditional", null)] string? planets = null,
        [Description(TzDescription), MaxLength(64)] string? tz = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("voc_windows", async arguments =>
        {
            var start = arguments.Required<DateTimeOffset>("from", from);
            var end = arguments.Required<DateTimeOffset>("to", to);
            var convention = arguments.Optional<PlanetSet>("planets", planets) ?? PlanetSet.Modern;
            var zone = arguments.Zone("tz", tz);
            arguments.ThrowIfInvalid();
            var windows = await sender.Send(new GetEphemerisWindowsQuery(start, end, convention), cancellationToken);
            var answer = new EphemerisResponse(start, end, convention.ToString().ToLowerInvariant(), windows.Select(window => ComputedVocWindowResponse.From(window, zone)).ToArray());
            return (answer, ToolTexts.Windows(answer, zone));
        });

    [McpServerTool(Name = "moon", Title = "The Moon now or at an instant", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(MoonResponse))]
    [Description("The Moon now, or at an instant: its sign and degree, phase as people name it and illuminated fraction, the previous new Moon and the next principal phases, its next ingress, and the void-of-course window containing the instant. The same answer as GET /api/lunar/moon.")]
    public Task<ModelContextProtocol.Protocol.CallToolResult> Moon(
        [Description("Optional instant, ISO-8601 with an offset (2026-11-24T12:00:00Z) or a plain date (midnight UTC), within 1900–2100; now when left out.")] string? at = null,
        [Description(TzDescription), MaxLength(64)] string? tz = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("moon", async arguments =>
        {
            var instant = arguments.Optional<DateTimeOffset>("at", at);
            var zone = arguments.Zone("tz", tz);
            arguments.ThrowIfInvalid();
            var moon = MoonResponse.From((await sender.Send(new GetMoonQuery(instant), cancellationToken)).Report, zone);
            return (moon, ToolTexts.Moon(moon));
        });

    [McpServerTool(Name = "moon_phases", Title = "The Moon's principal phases in a range", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(MoonPhasesResponse))]
    [Description("Every principal phase of the Moon (new_moon, first_quarter, full_moon, last_quarter) in [from, to), each at its exact instant to the second. The same answer as GET /api/lunar/moon/phases.")]
    public Task<ModelContextProtocol.Protocol.CallToolResult> MoonPhases(
        [Description("Start of the range:" + RangeDescription)] string from,
        [Description("End of the range, exclusive:" + RangeDescription)] string to,
        [Description(TzDescription), MaxLength(64)] string? tz = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("moon_phases", async arguments =>
        {
            var start = arguments.Required<DateTimeOffset>("from", from);
            var end = arguments.Required<DateTimeOffset>("to", to);
            var zone = arguments.Zone("tz", tz);
            arguments.ThrowIfInvalid();
            var phases = await sender.Send(new GetMoonPhasesQuery(start, end), cancellationToken);
            var answer = new MoonPhasesResponse(start, end, phases.Select(phase => MoonPhaseResponse.From(phase, zone)).ToArray());
            return (answer, ToolTexts.Phases(answer, zone));
        });

    [McpServerTool(Name = "moon_sky", Title = "Moonrise, moonset and culmination for a place", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(MoonSkyResponse))]
    [Description("When the Moon rises, sets and culminates at a place each local day, with the azimuth of rise and set and the altitude at culmination; with no day asked, today's and where the Moon stands now (altitude, azimuth, above the horizon or not, next rise and set). Upper limb on the horizon with 34′ of refraction, seen from the place, as almanacs count it. Far north or south a day may have no rise or no set (no_rise / no_set say why) or two. The same answer as GET /api/lunar/moon/sky.")]
    public Task<ModelContextProtocol.Protocol.CallToolResult> MoonSky(
        [Description("Latitude in degrees north, -90 to 90, such as 48.8566.")] string lat,
        [Description("Longitude in degrees east, -180 to 180, such as 2.3522.")] string lon,
        [Description("Optional height above sea level in metres, -500 to 9000; 0 when left out.")] string? elevation = null,
        [Description("Optional local day, such as 2026-11-24, in 1900–2100. Leave date, from and to out for today and the Moon now.")] string? date = null,
        [Description("Optional first of several local days, such as 2026-11-01.")] string? from = null,
        [Description("Optional last of them, included; at most 366 days from from.")] string? to = null,
        [Description("Optional IANA time zone whose local days are meant, such as Europe/Paris; UTC when left out.")] [MaxLength(64)] string? tz = null,
        [Description("Which point of the disc is on the horizon: upper (the default) or center."), AllowedValues("upper", "center", null)] string? limb = null,
        [Description("standard (34′ at the horizon, the default) or none."), AllowedValues("standard", "none", null)] string? refraction = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("moon_sky", async arguments =>
        {
            var place = new Place(arguments.Required<double>("lat", lat), arguments.Required<double>("lon", lon), arguments.Optional<double>("elevation", elevation) ?? 0);
            var query = new GetMoonSkyQuery(
                place,
                arguments.Optional<DateOnly>("date", date),
                arguments.Optional<DateOnly>("from", from),
                arguments.Optional<DateOnly>("to", to),
                arguments.Zone("tz", tz) ?? TimeZoneInfo.Utc,
                new Horizon(arguments.Optional<Limb>("limb", limb) ?? Limb.Upper, arguments.Optional<Refraction>("refraction", refraction) ?? Refraction.Standard));
            arguments.ThrowIfInvalid();
            var sky = MoonSkyResponse.From(await sender.Send(query, cancellationToken));
            return (sky, ToolTexts.Sky(sky));
        });
}
