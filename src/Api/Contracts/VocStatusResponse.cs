using System.Text.Json.Serialization;
using LunarVoc.Api.Swagger;

namespace LunarVoc.Api.Contracts;

/// <summary>Whether the Moon is void now, the next window, and the windows of the next 48 hours.</summary>
/// <param name="IsVoc" example="true">True when a window contains the moment of the response.</param>
/// <param name="Current">The window containing now (start_at ≤ now &lt; end_at), or null.</param>
/// <param name="Next">The first window starting after now, however far ahead, or null.</param>
/// <param name="Upcoming">Every window starting in (now, now + 48 h], ordered by start.</param>
/// <param name="AsOf" example="2026-11-24T12:00:00Z">When the windows were read from the database (UTC).</param>
/// <param name="Stale" example="false">True when an older answer is served because the database could not be read, or did not answer within the soft timeout.</param>
public sealed record VocStatusResponse(
    bool IsVoc,
    VocWindowResponse? Current,
    VocWindowResponse? Next,
    IReadOnlyList<VocWindowResponse> Upcoming,
    DateTimeOffset AsOf,
    bool Stale)
{
    public static VocStatusResponse From(VocAnswer answer, TimeZoneInfo? zone) => new(
        answer.Status.IsVoc,
        VocWindowResponse.FromOptional(answer.Status.Current, zone),
        VocWindowResponse.FromOptional(answer.Status.Next, zone),
        answer.Status.Upcoming.Select(window => VocWindowResponse.From(window, zone)).ToArray(),
        IsoInstant.WholeSeconds(answer.Snapshot.FetchedAt),
        Stale: answer.CacheStatus == CacheStatus.Stale);
}

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
    public static VocWindowResponse From(VocWindow window, TimeZoneInfo? zone = null) =>
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

/// <summary>The Moon's last exact major aspect in its sign.</summary>
/// <param name="Planet" example="Saturn">Sun, Mercury, Venus, Mars, Jupiter, Saturn, Uranus, Neptune or Pluto.</param>
/// <param name="Aspect" example="trine">conjunction, sextile, square, trine or opposition.</param>
public sealed record LastAspectResponse(
    [property: WireNames(typeof(Planet))] string Planet,
    [property: WireNames(typeof(Aspect), WireCase.Lower)] string Aspect)
{
    public static LastAspectResponse? From(LastAspect? aspect) =>
        aspect is null ? null : new(aspect.Planet.ToString(), aspect.Aspect.ToString().ToLowerInvariant());
}
