namespace LunarVoc.Domain.Astrology;

/// <summary>When the Moon enters a sign: a root of its longitude minus a multiple of 30°, by the secant method.</summary>
public static class MoonIngresses
{
    private const double MoonMeanRate = 13.176 / 86400; // degrees per second

    /// <summary>The sign the Moon enters next after <paramref name="after"/>, and when.</summary>
    public static MoonIngress Next(ILongitudes longitudes, DateTimeOffset after)
    {
        var at = Next(longitudes, after.ToUnixTimeMilliseconds() / 1000.0);
        if (Roots.ToInstant(at) <= after)
        {
            // The ingress found is the one at after itself, a fraction of a second later: the next one is wanted.
            at = Next(longitudes, at + 60);
        }

        return new MoonIngress(ZodiacSigns.Of(longitudes.MoonAt(at) + 15), Roots.ToInstant(at));
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
