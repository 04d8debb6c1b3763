using System.Text.RegularExpressions;

namespace LunarVoc.Api.Http;

/// <summary>
/// The instants the API accepts: ISO-8601 date-times that say their offset ('Z' or ±hh:mm), since a
/// bare local time is ambiguous and is refused rather than guessed; in query strings also a plain
/// date, taken as midnight UTC.
/// </summary>
public static partial class IsoInstant
{
    public const string Expected = "an ISO-8601 date-time with an offset, e.g. 2026-11-24T03:10:00Z or 2026-11-24T04:10:00+01:00";

    /// <summary>How the API writes instants: UTC with a 'Z', fractions of a second only when there are any.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant the service itself took (such as when it read the store), to the second like the others it shows.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static bool HasExplicitOffset(string text) => WithOffset().IsMatch(text);

    /// <summary>Parses a body value: a date-time with an offset only.</summary>
    public static bool TryParseBodyValue(string text, out DateTimeOffset value)
    {
        if (HasExplicitOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            value = instant.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Parses a query-string value: a date-time with an offset, or a date (midnight UTC).</summary>
    public static bool TryParseQueryValue(string text, out DateTimeOffset value)
    {
        // An unencoded '+' in a query string arrives as a space.
        var candidate = text.Trim().Replace(' ', '+');
        if (DateOnlyPattern().IsMatch(candidate)
            && DateOnly.TryParseExact(candidate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return TryParseBodyValue(candidate, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyPattern();
}
