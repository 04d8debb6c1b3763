namespace LunarVoc.Application.Moon.GetMoonSky;

/// <summary>Calendar days in a time zone as spans of instants.</summary>
public static class LocalDays
{
    private static readonly TimeSpan Coarse = TimeSpan.FromMinutes(15); // every offset and change of clocks falls on a quarter hour

    /// <summary>
    /// The first instant whose local date in <paramref name="zone"/> is <paramref name="date"/> or later:
    /// local midnight, the first of two where clocks go back over it, the first local time after it
    /// where they skip it — and for a date the zone skipped altogether, the next day's start. Found
    /// from UTC to local (a quarter-hour scan, then by the minute), the direction the zone's rules are
    /// read most reliably across jumps of the date line.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var t = new DateTimeOffset(midnight, TimeSpan.Zero) - TimeSpan.FromHours(15);
        while (LocalDate(t, zone) < date)
        {
            t += Coarse;
        }

        var earlier = t - Coarse;
        while (earlier < t && LocalDate(earlier + TimeSpan.FromMinutes(1), zone) < date)
        {
            earlier += TimeSpan.FromMinutes(1);
        }

        return earlier + TimeSpan.FromMinutes(1) <= t ? earlier + TimeSpan.FromMinutes(1) : t;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
