namespace LunarVoc.Api.Http;

/// <summary>Local times in a visitor's zone, written with their offset.</summary>
public static class LocalTime
{
    public static string? In(TimeZoneInfo? zone, DateTimeOffset instant) =>
        zone is null ? null : TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
