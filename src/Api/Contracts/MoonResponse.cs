using System.Text.Json.Serialization;
using LunarVoc.Api.Swagger;
using LunarVoc.Application.Moon;

namespace LunarVoc.Api.Contracts;

/// <summary>The Moon at an instant: sign and degree, phase and illumination, the phases around it, its next ingress and its void.</summary>
/// <param name="At" example="2026-11-24T12:00:00Z">The instant described (UTC): the one asked for, or for now the start of the current minute (or the last change within it).</param>
/// <param name="Longitude" example="352.418302">The Moon's apparent geocentric ecliptic longitude of date, in degrees [0, 360).</param>
/// <param name="Sign" example="Pisces">The sign the Moon is in.</param>
/// <param name="Degree" example="22.418302">How far into its sign the Moon is, in degrees [0, 30).</param>
/// <param name="Phase" example="waxing_gibbous">The phase as people name it, by the Moon's elongation from the Sun: new_moon, first_quarter, full_moon or last_quarter only within about a day of the exact phase (12.19°, the mean daily motion, either side of 0°, 90°, 180°, 270°), a crescent or gibbous Moon between (waxing_crescent 12.19°–77.81°, …).</param>
/// <param name="Illumination" example="0.7312">The illuminated fraction of the disc, 0 to 1.</param>
/// <param name="AgeDays" example="9.8123">Days since the last new Moon.</param>
/// <param name="PreviousNewMoon" example="2026-11-09T15:02:11Z">The last new Moon at or before at.</param>
/// <param name="NextNewMoon" example="2026-12-09T00:51:42Z">The next new Moon after at.</param>
/// <param name="NextFirstQuarter" example="2026-11-17T11:47:55Z">The next first quarter after at.</param>
/// <param name="NextFullMoon" example="2026-11-24T14:53:37Z">The next full Moon after at.</param>
/// <param name="NextLastQuarter" example="2026-12-01T06:08:34Z">The next last quarter after at.</param>
/// <param name="NextIngress">The sign the Moon enters next, and when.</param>
/// <param name="Void">The void-of-course window (computed by the ephemeris, modern planets) containing at, or null.</param>
/// <param name="AtLocal" example="2026-11-24T13:00:00+01:00">at in the zone asked for with ?tz= (only then).</param>
/// <param name="PreviousNewMoonLocal" example="2026-11-09T16:02:11+01:00">previous_new_moon in the zone asked for with ?tz= (only then).</param>
/// <param name="NextNewMoonLocal" example="2026-12-09T01:51:42+01:00">next_new_moon in the zone asked for with ?tz= (only then).</param>
/// <param name="NextFirstQuarterLocal" example="2026-11-17T12:47:55+01:00">next_first_quarter in the zone asked for with ?tz= (only then).</param>
/// <param name="NextFullMoonLocal" example="2026-11-24T15:53:37+01:00">next_full_moon in the zone asked for with ?tz= (only then).</param>
/// <param name="NextLastQuarterLocal" example="2026-12-01T07:08:34+01:00">next_last_quarter in the zone asked for with ?tz= (only then).</param>
public sealed record MoonResponse(
    DateTimeOffset At,
    double Longitude,
    [property: WireNames(typeof(ZodiacSign))] string Sign,
    double Degree,
    [property: WireNames(typeof(MoonPhase), WireCase.Snake)] string Phase,
    double Illumination,
    double AgeDays,
    DateTimeOffset PreviousNewMoon,
    DateTimeOffset NextNewMoon,
    DateTimeOffset NextFirstQuarter,
    DateTimeOffset NextFullMoon,
    DateTimeOffset NextLastQuarter,
    MoonIngressResponse NextIngress,
    ComputedVocWindowResponse? Void,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AtLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousNewMoonLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextNewMoonLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextFirstQuarterLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextFullMoonLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextLastQuarterLocal = null)
{
    public static MoonResponse From(MoonReport report, TimeZoneInfo? zone)
    {
        var sky = report.Sky;
        var newMoon = report.Next(MoonPhase.NewMoon);
        var firstQuarter = report.Next(MoonPhase.FirstQuarter);
        var fullMoon = report.Next(MoonPhase.FullMoon);
        var lastQuarter = report.Next(MoonPhase.LastQuarter);
        return new MoonResponse(
            report.At,
            Math.Round(Degrees.Normalize(sky.MoonLongitude), 6),
            sky.Sign.ToString(),
            Math.Round(sky.DegreeInSign, 6),
            MoonPhaseResponse.Name(sky.Phase),
            Math.Round(sky.IlluminatedFraction, 4),
            Math.Round(report.AgeDays, 4),
            report.PreviousNewMoon,
            newMoon,
            firstQuarter,
            fullMoon,
            lastQuarter,
            new MoonIngressResponse(report.NextIngress.Sign.ToString(), report.NextIngress.At, LocalTime.In(zone, report.NextIngress.At)),
            report.Void is { } window ? ComputedVocWindowResponse.From(window, zone) : null,
            LocalTime.In(zone, report.At),
            LocalTime.In(zone, report.PreviousNewMoon),
            LocalTime.In(zone, newMoon),
            LocalTime.In(zone, firstQuarter),
            LocalTime.In(zone, fullMoon),
            LocalTime.In(zone, lastQuarter));
    }
}

/// <summary>The Moon's next ingress.</summary>
/// <param name="Sign" example="Aries">The sign the Moon enters.</param>
/// <param name="At" example="2026-11-25T04:31:09Z">When (UTC).</param>
/// <param name="AtLocal" example="2026-11-25T05:31:09+01:00">at in the zone asked for with ?tz= (only then).</param>
public sealed record MoonIngressResponse(
    [property: WireNames(typeof(ZodiacSign))] string Sign,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AtLocal = null);

/// <summary>A principal phase of the Moon.</summary>
/// <param name="Phase" example="full_moon">new_moon, first_quarter, full_moon or last_quarter.</param>
/// <param name="At" example="2026-11-24T14:53:37Z">The instant the Moon's elongation from the Sun is exactly 0°, 90°, 180° or 270° (UTC, to the second).</param>
/// <param name="AtLocal" example="2026-11-24T15:53:37+01:00">at in the zone asked for with ?tz= (only then).</param>
public sealed record MoonPhaseResponse(
    [property: WireNames(typeof(MoonPhase), WireCase.Snake)] string Phase,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AtLocal = null)
{
    public static MoonPhaseResponse From(LunarPhase phase, TimeZoneInfo? zone) => new(Name(phase.Phase), phase.At, LocalTime.In(zone, phase.At));

    /// <summary>A phase as the API names it: new_moon, waxing_crescent, …</summary>
    public static string Name(MoonPhase phase) => JsonNamingPolicy.SnakeCaseLower.ConvertName(phase.ToString());
}

/// <summary>The principal phases of a range.</summary>
/// <param name="From" example="2026-01-01T00:00:00Z">The start of the range (UTC).</param>
/// <param name="To" example="2026-02-01T00:00:00Z">The end of the range, exclusive (UTC).</param>
/// <param name="Phases">Every principal phase in the range, by instant.</param>
public sealed record MoonPhasesResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MoonPhaseResponse> Phases);
