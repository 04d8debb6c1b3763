namespace LunarVoc.Domain.Astrology;

/// <summary>When the Moon enters a sign: a root of its longitude minus a multiple of 30°, by the secant method.</summary>
public static class MoonIngresses
{
    private const double MoonMeanRate = 13.176 / 86400; // degrees per second

    /// <summary>The sign the Moon enters next after <paramref name="after"/>, and when.</summary>
    public static MoonIngress Next(ILongitudes longitudes, DateTimeOffset after)
    {
        var at = Roots.NextAfter(after, from => Next(longitudes, from));
        return new MoonIngress(ZodiacSigns.Of(longitudes.MoonAt(UnixSeconds.Of(at)) + 15), at);
    }

    /// <summary>The first instant after <paramref name="after"/> (Unix seconds) at which the Moon enters a sign.</summary>
    internal static double Next(ILongitudes longitudes, double after)
    {
        var longitude = Degrees.Normalize(longitudes.MoonAt(after));
        var boundary = (Math.Floor(longitude / 30) + 1) * 30;
        var toGo = boundary - longitude;
        return Roots.Secant(seconds => Degrees.Relative(longitudes.MoonAt(seconds) - boundary), after, -toGo, after + (toGo / MoonMeanRate));
    }
}
