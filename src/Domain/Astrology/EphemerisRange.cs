namespace LunarVoc.Domain.Astrology;

/// <summary>The span over which the built-in ephemeris is checked and supported: 1900 to 2100 inclusive.</summary>
public static class EphemerisRange
{
    public static readonly DateTimeOffset Start = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exclusive: the first instant after 2100.</summary>
    public static readonly DateTimeOffset End = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Contains(DateTimeOffset from, DateTimeOffset to) => from >= Start && to <= End && from <= to;
}
