namespace LunarVoc.Domain.Astrology;

/// <summary>Angles on the ecliptic, in degrees.</summary>
public static class Degrees
{
    /// <summary>Degrees in [0, 360).</summary>
    public static double Normalize(double degrees)
    {
        var value = degrees % 360;
        return value < 0 ? value + 360 : value;
    }

    /// <summary>Degrees in [-180, 180): how far one longitude is ahead of another.</summary>
    public static double Relative(double degrees) => Normalize(degrees + 180) - 180;
}
