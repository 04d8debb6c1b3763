using LunarVoc.Domain.Astrology;

namespace LunarVoc.Domain.Sky;

/// <summary>
/// The Moon as seen from the Earth's centre over a span, sampled on an even grid of UTC instants
/// (Unix seconds): apparent right ascension and declination (true equator and equinox of date,
/// degrees), distance (km), and the equation of the equinoxes (degrees) that turns mean sidereal
/// time into apparent. Nothing here depends on a place, so one track serves every observer.
/// </summary>
public sealed record MoonTrack(
    double Start,
    double Step,
    double[] RightAscension,
    double[] Declination,
    double[] DistanceKm,
    double[] EquationOfEquinoxes)
{
    /// <summary>The last sample's instant.</summary>
    public double End => Start + (Step * (RightAscension.Length - 1));

    /// <summary>Whether <paramref name="unixSeconds"/> lies where four samples surround it.</summary>
    public bool Covers(double unixSeconds) => unixSeconds >= Start + Step && unixSeconds <= End - Step;

    /// <summary>The Moon at an instant the track covers, by four-point (cubic) Lagrange interpolation.</summary>
    public GeocentricMoon At(double unixSeconds)
    {
        var position = (unixSeconds - Start) / Step;
        var index = Math.Clamp((int)Math.Floor(position), 1, RightAscension.Length - 3);
        var x = position - index;
        var w0 = -x * (x - 1) * (x - 2) / 6;
        var w1 = (x + 1) * (x - 1) * (x - 2) / 2;
        var w2 = -(x + 1) * x * (x - 2) / 2;
        var w3 = (x + 1) * x * (x - 1) / 6;
        double Read(double[] values) => (w0 * values[index - 1]) + (w1 * values[index]) + (w2 * values[index + 1]) + (w3 * values[index + 2]);

        // Right ascension unwrapped around the sample before the instant.
        var ra = RightAscension;
        var r1 = ra[index];
        var r0 = r1 + Degrees.Relative(ra[index - 1] - r1);
        var r2 = r1 + Degrees.Relative(ra[index + 1] - r1);
        var r3 = r2 + Degrees.Relative(ra[index + 2] - ra[index + 1]);
        var rightAscension = (w0 * r0) + (w1 * r1) + (w2 * r2) + (w3 * r3);

        return new GeocentricMoon(
            Degrees.Normalize(rightAscension),
            Read(Declination),
            Read(DistanceKm),
            Degrees.Normalize(MeanSiderealTime(unixSeconds) + Read(EquationOfEquinoxes)));
    }

    /// <summary>Greenwich mean sidereal time in degrees (IAU 1982, Meeus 12.4), UT1 taken as UTC (within 0.9 s).</summary>
    public static double MeanSiderealTime(double unixSeconds)
    {
        var days = (unixSeconds / 86400) + 2440587.5 - 2451545.0;
        var t = days / 36525;
        return Degrees.Normalize(280.46061837 + (360.98564736629 * days) + (t * t * (0.000387933 - (t / 38710000))));
    }
}

/// <summary>The Moon from the Earth's centre at one instant, with the apparent sidereal time at Greenwich (degrees).</summary>
public readonly record struct GeocentricMoon(double RightAscension, double Declination, double DistanceKm, double SiderealTime);
