namespace LunarVoc.Application.Moon.GetMoonSky;

/// <summary>Calendar days in a time zone as spans of instants.</summary>
public static class LocalDays
{
    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>: local midnight, the first
    /// of the two where clocks go back over it, or the first local time after it where they skip it.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
