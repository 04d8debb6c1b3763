using System.Globalization;

namespace LunarVoc.TestSupport;

public static class IsoText
{
    /// <summary>An instant as a client writes it: UTC, whole seconds, with a 'Z'.</summary>
    public static string Of(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
