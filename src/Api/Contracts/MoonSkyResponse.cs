using System.Text.Json.Serialization;
using LunarVoc.Api.Swagger;
using LunarVoc.Application.Moon.GetMoonSky;
using LunarVoc.Domain.Sky;

namespace LunarVoc.Api.Contracts;

/// <summary>The Moon for a place: each local day's rises, sets and culmination, and, when no day was asked, where it stands now.</summary>
/// <param name="Place">Where the observer stands, as asked.</param>
/// <param name="TimeZone" example="Europe/Paris">The IANA zone the days are local days of (UTC when none was asked).</param>
/// <param name="Convention">When the Moon counts as on the horizon.</param>
/// <param name="Days">Each local day asked for, in order (today's when none was asked).</param>
/// <param name="Now">Where the Moon stands now, and its next rise and set; only when no day was asked.</param>
public sealed record MoonSkyResponse(
    MoonSkyPlaceResponse Place,
    string TimeZone,
    MoonSkyConventionResponse Convention,
    IReadOnlyList<MoonSkyDayResponse> Days,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MoonSkyNowResponse? Now = null)
{
    public static MoonSkyResponse From(MoonSkyAnswer answer)
    {
        var query = answer.Query;
        var zone = query.Zone;
        return new MoonSkyResponse(
            new MoonSkyPlaceResponse(query.Place.Latitude, query.Place.Longitude, query.Place.ElevationMetres),
            zone.Id,
            MoonSkyConventionResponse.From(query.Horizon),
            [.. answer.Days.Select(day => MoonSkyDayResponse.From(day, zone))],
            answer.Now is { } now ? MoonSkyNowResponse.From(now, zone) : null);
    }
}

/// <param name="Lat" example="48.8566">Geodetic latitude, degrees north.</param>
/// <param name="Lon" example="2.3522">Longitude, degrees east.</param>
/// <param name="Elevation" example="35">Height above sea level, metres.</param>
public sealed record MoonSkyPlaceResponse(double Lat, double Lon, double Elevation);

/// <param name="Limb" example="upper">The point of the disc on the horizon at rise and set: upper (the reference services' convention) or center.</param>
/// <param name="Refraction" example="standard">standard (34′ at the horizon) or none.</param>
/// <param name="HorizonAltitude" example="-0.8333">The geometric altitude of the Moon's centre at rise and set, in degrees, for a mean semidiameter; the true one uses the Moon's topocentric semidiameter at each instant.</param>
/// <param name="Topocentric" example="true">Always true: positions are as seen from the place, the Moon's parallax (about 57′) included.</param>
public sealed record MoonSkyConventionResponse(
    [property: WireNames(typeof(Limb), WireCase.Snake)] string Limb,
    [property: WireNames(typeof(Refraction), WireCase.Snake)] string Refraction,
    double HorizonAltitude,
    bool Topocentric)
{
    private const double MeanSemidiameter = 0.2590;

    public static MoonSkyConventionResponse From(Horizon horizon) => new(
        MoonSkyDayResponse.Wire(horizon.Limb),
        MoonSkyDayResponse.Wire(horizon.Refraction),
        Math.Round(horizon.CentreAltitude(MeanSemidiameter), 4),
        true);
}

/// <summary>One local day.</summary>
/// <param name="Date" example="2026-11-24">The local calendar day.</param>
/// <param name="Start" example="2026-11-23T23:00:00Z">Its first instant (UTC): local midnight, or the first instant after it where clocks skip midnight.</param>
/// <param name="End" example="2026-11-24T23:00:00Z">The next day's first instant (UTC); a day across a change of clocks is 23 or 25 hours long.</param>
/// <param name="Rise">The Moon's rise that day, or null (no_rise says why).</param>
/// <param name="Set">The Moon's set that day, or null (no_set says why).</param>
/// <param name="Culmination">The Moon's upper culmination (meridian transit) that day, or null.</param>
/// <param name="NoRise" example="none_that_day">Why there is no rise: always_above, always_below, or none_that_day (it rises again after this day ends); null when there is one.</param>
/// <param name="NoSet">Why there is no set, as no_rise; null when there is one.</param>
/// <param name="Rises">Every rise that day: one, or two far north or south (rise is the first).</param>
/// <param name="Sets">Every set that day (set is the first).</param>
public sealed record MoonSkyDayResponse(
    string Date,
    DateTimeOffset Start,
    DateTimeOffset End,
    MoonCrossingResponse? Rise,
    MoonCrossingResponse? Set,
    MoonCulminationResponse? Culmination,
    [property: WireNames(typeof(NoCrossing), WireCase.Snake)] string? NoRise,
    [property: WireNames(typeof(NoCrossing), WireCase.Snake)] string? NoSet,
    IReadOnlyList<MoonCrossingResponse> Rises,
    IReadOnlyList<MoonCrossingResponse> Sets)
{
    public static MoonSkyDayResponse From(MoonSkyDay day, TimeZoneInfo zone)
    {
        MoonCrossingResponse[] rises = [.. day.Sky.Rises.Select(e => MoonCrossingResponse.From(e, zone))];
        MoonCrossingResponse[] sets = [.. day.Sky.Sets.Select(e => MoonCrossingResponse.From(e, zone))];
        return new MoonSkyDayResponse(
            day.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            day.Start,
            day.End,
            rises.FirstOrDefault(),
            sets.FirstOrDefault(),
            day.Sky.Culminations.Count > 0 ? MoonCulminationResponse.From(day.Sky.Culminations[0], zone) : null,
            day.Sky.NoRise is { } noRise ? Wire(noRise) : null,
            day.Sky.NoSet is { } noSet ? Wire(noSet) : null,
            rises,
            sets);
    }

    /// <summary>A value of the domain's as the API names it: always_above, center, …</summary>
    internal static string Wire(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>A rise or a set.</summary>
/// <param name="At" example="2026-11-24T13:41:07Z">When (UTC, to the second).</param>
/// <param name="AtLocal" example="2026-11-24T14:41:07+01:00">at in the day's zone.</param>
/// <param name="Azimuth" example="87.31">Where on the horizon, degrees from north through east.</param>
public sealed record MoonCrossingResponse(DateTimeOffset At, string AtLocal, double Azimuth)
{
    public static MoonCrossingResponse From(SkyEvent e, TimeZoneInfo zone)
    {
        var at = UnixSeconds.ToInstant(e.At);
        return new(at, LocalTime.In(zone, at)!, Math.Round(e.Azimuth ?? 0, 2));
    }
}

/// <summary>An upper culmination.</summary>
/// <param name="At" example="2026-11-24T20:12:45Z">When the Moon crosses the meridian (UTC, to the second).</param>
/// <param name="AtLocal" example="2026-11-24T21:12:45+01:00">at in the day's zone.</param>
/// <param name="Altitude" example="52.84">The geometric altitude of its centre then, degrees (negative: the Moon culminates below the horizon).</param>
public sealed record MoonCulminationResponse(DateTimeOffset At, string AtLocal, double Altitude)
{
    public static MoonCulminationResponse From(SkyEvent e, TimeZoneInfo zone)
    {
        var at = UnixSeconds.ToInstant(e.At);
        return new(at, LocalTime.In(zone, at)!, Math.Round(e.Altitude ?? 0, 2));
    }
}

/// <summary>The Moon seen from the place now.</summary>
/// <param name="At" example="2026-11-24T12:00:00Z">Now (UTC, to the second).</param>
/// <param name="AtLocal" example="2026-11-24T13:00:00+01:00">at in the zone.</param>
/// <param name="Altitude" example="-12.4">Geometric altitude of its centre, degrees.</param>
/// <param name="Azimuth" example="61.2">Degrees from north through east.</param>
/// <param name="AboveHorizon" example="false">Whether it is up, by the convention's horizon.</param>
/// <param name="NextRise">Its next rise, or null if none within 35 days.</param>
/// <param name="NextSet">Its next set, or null if none within 35 days.</param>
public sealed record MoonSkyNowResponse(
    DateTimeOffset At,
    string AtLocal,
    double Altitude,
    double Azimuth,
    bool AboveHorizon,
    MoonCrossingResponse? NextRise,
    MoonCrossingResponse? NextSet)
{
    public static MoonSkyNowResponse From(SkyNow now, TimeZoneInfo zone)
    {
        var at = UnixSeconds.ToInstant(now.At);
        return new(
            at,
            LocalTime.In(zone, at)!,
            Math.Round(now.Position.Altitude, 2),
            Math.Round(now.Position.Azimuth, 2),
            now.AboveHorizon,
            now.NextRise is { } rise ? MoonCrossingResponse.From(rise, zone) : null,
            now.NextSet is { } set ? MoonCrossingResponse.From(set, zone) : null);
    }
}
