using System.Text.Json.Serialization;
using LunarVoc.Api.Http;
using LunarVoc.Domain.VocWindows;
using LunarVoc.Api.Swagger;
using LunarVoc.Domain.Astrology;

namespace LunarVoc.Api.Contracts;

/// <summary>A void-of-course window: the Moon is void from start_at (inclusive) to end_at (exclusive).</summary>
/// <param name="Id" example="17">The stored window's id.</param>
/// <param name="StartAt" example="2026-11-24T03:10:00Z">When the Moon becomes void (UTC).</param>
/// <param name="EndAt" example="2026-11-24T19:42:00Z">When the Moon enters the next sign (UTC).</param>
/// <param name="Source" example="ephemeris">Who supplied the window ("ephemeris" when the service computed it).</param>
/// <param name="Sign" example="Leo">The sign the Moon is void in; null when the window was posted without it.</param>
/// <param name="NextSign" example="Virgo">The sign the Moon enters at end_at; null when unknown.</param>
/// <param name="LastAspect">The aspect that began the void; null when none did in the sign, or when unknown.</param>
/// <param name="StartLocal" example="2026-11-24T04:10:00+01:00">start_at in the zone asked for with ?tz= (only then).</param>
/// <param name="EndLocal" example="2026-11-24T20:42:00+01:00">end_at in the zone asked for with ?tz= (only then).</param>
public sealed record VocWindowResponse(
    long Id,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    string Source,
    [property: WireNames(typeof(ZodiacSign))] string? Sign,
    [property: WireNames(typeof(ZodiacSign))] string? NextSign,
    LastAspectResponse? LastAspect,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndLocal = null)
{
    public static VocWindowResponse From(VocWindow window) => From(window, null);

    public static VocWindowResponse From(VocWindow window, TimeZoneInfo? zone) =>
        new(
            window.Id,
            window.StartAt,
            window.EndAt,
            window.Source,
            window.Details?.Sign.ToString(),
            window.Details?.NextSign.ToString(),
            LastAspectResponse.From(window.Details?.LastAspect),
            LocalTime.In(zone, window.StartAt),
            LocalTime.In(zone, window.EndAt));

    public static VocWindowResponse? FromOptional(VocWindow? window, TimeZoneInfo? zone = null) => window is null ? null : From(window, zone);
}
