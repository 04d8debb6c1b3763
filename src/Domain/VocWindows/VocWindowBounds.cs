using LunarVoc.Domain.Astrology;

namespace LunarVoc.Domain.VocWindows;

/// <summary>The rules every window obeys, whoever supplies it.</summary>
public static class VocWindowBounds
{
    public const int MaxSourceLength = 64;

    /// <summary>Letters, digits, '-', '_' and '.' only; \z, because $ would also match before a final newline.</summary>
    public const string SourcePattern = @"^[A-Za-z0-9._-]+\z";

    /// <summary>Far above the longest real void of course (about 2.2 days), so only nonsense is refused.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(4);

    /// <summary>The database keeps instants to the microsecond: a window must still have a length at that precision.</summary>
    public static bool IsValidRange(DateTimeOffset startAt, DateTimeOffset endAt) => ToMicroseconds(endAt) > ToMicroseconds(startAt);

    private static long ToMicroseconds(DateTimeOffset instant) => instant.UtcTicks / TimeSpan.TicksPerMicrosecond;

    public static bool IsWithinMaxDuration(DateTimeOffset startAt, DateTimeOffset endAt) => endAt - startAt <= MaxDuration;

    /// <summary>Windows lie in the years 1900 to 2100, the span the service is checked for; a window may end at the first instant after it.</summary>
    public static bool IsWithinSupportedYears(DateTimeOffset instant) => instant >= EphemerisRange.Start && instant <= EphemerisRange.End;
}
