namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// Nutation in longitude, IAU 1980 theory: the 63 terms of Meeus, Astronomical Algorithms
/// (2nd ed.), table 22.A — good to about 0.003"; in obliquity, and the obliquity itself, to 0.1"
/// (what turning ecliptic coordinates into equatorial ones for a place's sky needs).
/// </summary>
internal static class Nutation
{
    // D, M, M', F, Ω multipliers; sine coefficient and its rate per century, in 0.0001".
    private static readonly double[] Terms =
    [
        0, 0, 0, 0, 1, -171996, -174.2, -2, 0, 0, 2, 2, -13187, -1.6, 0, 0, 0, 2, 2, -2274, -0.2,
        0, 0, 0, 0, 2, 2062, 0.2, 0, 1, 0, 0, 0, 1426, -3.4, 0, 0, 1, 0, 0, 712, 0.1,
        -2, 1, 0, 2, 2, -517, 1.2, 0, 0, 0, 2, 1, -386, -0.4, 0, 0, 1, 2, 2, -301, 0,
        -2, -1, 0, 2, 2, 217, -0.5, -2, 0, 1, 0, 0, -158, 0, -2, 0, 0, 2, 1, 129, 0.1,
        0, 0, -1, 2, 2, 123, 0, 2, 0, 0, 0, 0, 63, 0, 0, 0, 1, 0, 1, 63, 0.1,
        2, 0, -1, 2, 2, -59, 0, 0, 0, -1, 0, 1, -58, -0.1, 0, 0, 1, 2, 1, -51, 0,
        -2, 0, 2, 0, 0, 48, 0, 0, 0, -2, 2, 1, 46, 0, 2, 0, 0, 2, 2, -38, 0,
        0, 0, 2, 2, 2, -31, 0, 0, 0, 2, 0, 0, 29, 0, -2, 0, 1, 2, 2, 29, 0,
        0, 0, 0, 2, 0, 26, 0, -2, 0, 0, 2, 0, -22, 0, 0, 0, -1, 2, 1, 21, 0,
        0, 2, 0, 0, 0, 17, -0.1, 2, 0, -1, 0, 1, 16, 0, -2, 2, 0, 2, 2, -16, 0.1,
        0, 1, 0, 0, 1, -15, 0, -2, 0, 1, 0, 1, -13, 0, 0, -1, 0, 0, 1, -12, 0,
        0, 0, 2, -2, 0, 11, 0, 2, 0, -1, 2, 1, -10, 0, 2, 0, 1, 2, 2, -8, 0,
        0, 1, 0, 2, 2, 7, 0, -2, 1, 1, 0, 0, -7, 0, 0, -1, 0, 2, 2, -7, 0,
        2, 0, 0, 2, 1, -7, 0, 2, 0, 1, 0, 0, 6, 0, -2, 0, 2, 2, 2, 6, 0,
        -2, 0, 1, 2, 1, 6, 0, 2, 0, -2, 0, 1, -6, 0, 2, 0, 0, 0, 1, -6, 0,
        0, -1, 1, 0, 0, 5, 0, -2, -1, 0, 2, 1, -5, 0, -2, 0, 0, 0, 1, -5, 0,
        0, 0, 2, 2, 1, -5, 0, -2, 0, 2, 0, 1, 4, 0, -2, 1, 0, 2, 1, 4, 0,
        0, 0, 1, -2, 0, 4, 0, -1, 0, 1, 0, 0, -4, 0, -2, 1, 0, 0, 0, -4, 0,
        1, 0, 0, 0, 0, -4, 0, 0, 0, 1, 2, 0, 3, 0, 0, 0, -2, 2, 2, -3, 0,
        -1, -1, 1, 0, 0, -3, 0, 0, 1, 1, 0, 0, -3, 0, 0, -1, 1, 2, 2, -3, 0,
        2, -1, -1, 2, 2, -3, 0, 0, 0, 3, 2, 2, -3, 0, 2, -1, 0, 2, 2, -3, 0,
    ];

    /// <summary>Δψ in degrees at <paramref name="t"/> Julian centuries of TT from J2000.</summary>
    public static double InLongitude(double t)
    {
        var d = Angles.Radians(297.85036 + (t * (445267.111480 + (t * (-0.0019142 + (t / 189474))))));
        var m = Angles.Radians(357.52772 + (t * (35999.050340 + (t * (-0.0001603 - (t / 300000))))));
        var mPrime = Angles.Radians(134.96298 + (t * (477198.867398 + (t * (0.0086972 + (t / 56250))))));
        var f = Angles.Radians(93.27191 + (t * (483202.017538 + (t * (-0.0036825 + (t / 327270))))));
        var omega = Angles.Radians(125.04452 + (t * (-1934.136261 + (t * (0.0020708 + (t / 450000))))));

        var sum = 0.0;
        for (var i = 0; i < Terms.Length; i += 7)
        {
            var argument = (Terms[i] * d) + (Terms[i + 1] * m) + (Terms[i + 2] * mPrime) + (Terms[i + 3] * f) + (Terms[i + 4] * omega);
            sum += (Terms[i + 5] + (Terms[i + 6] * t)) * Math.Sin(argument);
        }

        return sum * 0.0001 / 3600;
    }

    /// <summary>Δε in degrees, from the four largest terms (Meeus 22, to 0.1").</summary>
    public static double InObliquity(double t)
    {
        var omega = Angles.Radians(125.04452 - (1934.136261 * t));
        var sun = Angles.Radians(280.4665 + (36000.7698 * t));
        var moon = Angles.Radians(218.3165 + (481267.8813 * t));
        return ((9.20 * Math.Cos(omega)) + (0.57 * Math.Cos(2 * sun)) + (0.10 * Math.Cos(2 * moon)) - (0.09 * Math.Cos(2 * omega))) / 3600;
    }

    /// <summary>The true obliquity of the ecliptic in degrees: the mean (IAU 1980, Meeus 22.2) plus Δε.</summary>
    public static double TrueObliquity(double t) =>
        23.4392911111 - (t * (46.8150 + (t * (0.00059 - (t * 0.001813))))) / 3600 + InObliquity(t);
}
