using System.Text.Json.Serialization;
using LunarVoc.Api.Swagger;

namespace LunarVoc.Api.Contracts;

/// <summary>A window computed by the built-in ephemeris.</summary>
/// <param name="StartAt" example="2026-11-24T03:10:04Z">The Moon's last exact major aspect in the sign, or its ingress into it when it made none (UTC).</param>
/// <param name="EndAt" example="2026-11-24T19:42:51Z">The Moon's ingress into the next sign (UTC).</param>
/// <param name="Sign" example="Leo">The sign the Moon is void in.</param>
/// <param name="NextSign" example="Virgo">The sign the Moon enters at end_at.</param>
/// <param name="LastAspect">The aspect that began the void; null when the Moon made none in the sign.</param>
/// <param name="StartLocal" example="2026-11-24T04:10:04+01:00">start_at in the zone asked for with ?tz= (only then).</param>
/// <param name="EndLocal" example="2026-11-24T20:42:51+01:00">end_at in the zone asked for with ?tz= (only then).</param>
public sealed record ComputedVocWindowResponse(
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    [property: WireNames(typeof(ZodiacSign))] string Sign,
    [property: WireNames(typeof(ZodiacSign))] string NextSign,
    LastAspectResponse? LastAspect,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndLocal = null)
{
    public static ComputedVocWindowResponse From(ComputedVocWindow window, TimeZoneInfo? zone) =>
        new(
            window.StartAt,
            window.EndAt,
            window.Details.Sign.ToString(),
            window.Details.NextSign.ToString(),
            LastAspectResponse.From(window.Details.LastAspect),
            LocalTime.In(zone, window.StartAt),
            LocalTime.In(zone, window.EndAt));
}

/// <summary>Windows computed on demand for a range, not stored.</summary>
/// <param name="From" example="2026-01-01T00:00:00Z">The start of the range (UTC).</param>
/// <param name="To" example="2026-02-01T00:00:00Z">The end of the range, exclusive (UTC).</param>
/// <param name="Planets" example="modern">modern (Sun to Pluto) or traditional (Sun to Saturn).</param>
/// <param name="Windows">Every window overlapping the range, ordered by start.</param>
public sealed record EphemerisResponse(DateTimeOffset From, DateTimeOffset To, string Planets, IReadOnlyList<ComputedVocWindowResponse> Windows);
