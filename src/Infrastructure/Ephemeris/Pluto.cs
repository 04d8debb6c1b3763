namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// Pluto's heliocentric position from Meeus, Astronomical Algorithms (2nd ed.), chapter 37
/// (table 37.A, after Chapront &amp; Francou's fit to DE200): ecliptic and equinox J2000, made for
/// 1885–2099 and precessed here to the ecliptic and equinox of date.
/// </summary>
internal static class Pluto
{
    // i, j, k multipliers of J, S, P; longitude, latitude (degrees) and radius (AU) sine and cosine coefficients.
    private static readonly double[] Terms =
    [
        0, 0, 1, -19.799805, 19.850055, -5.452852, -14.974862, 6.6865439, 6.8951812,
        0, 0, 2, 0.897144, -4.954829, 3.527812, 1.67279, -1.1827535, -0.0332538,
        0, 0, 3, 0.611149, 1.211027, -1.050748, 0.327647, 0.1593179, -0.143889,
        0, 0, 4, -0.341243, -0.189585, 0.17869, -0.292153, -0.0018444, 0.048322,
        0, 0, 5, 0.129287, -0.034992, 0.01865, 0.10034, -0.0065977, -0.0085431,
        0, 0, 6, -0.038164, 0.030893, -0.030697, -0.025823, 0.0031174, -0.0006032,
        0, 1, -1, 0.020442, -0.009987, 0.004878, 0.011248, -0.0005794, 0.0022161,
        0, 1, 0, -0.004063, -0.005071, 0.000226, -0.000064, 0.0004601, 0.0004032,
        0, 1, 1, -0.006016, -0.003336, 0.00203, -0.000836, -0.0001729, 0.0000234,
        0, 1, 2, -0.003956, 0.003039, 0.000069, -0.000604, -0.0000415, 0.0000702,
        0, 1, 3, -0.000667, 0.003572, -0.000247, -0.000567, 0.0000239, 0.0000723,
        0, 2, -2, 0.001276, 0.000501, -0.000057, 0.000001, 0.0000067, -0.0000067,
        0, 2, -1, 0.001152, -0.000917, -0.000122, 0.000175, 0.0001034, -0.0000451,
        0, 2, 0, 0.00063, -0.001277, -0.000049, -0.000164, -0.0000129, 0.0000504,
        1, -1, 0, 0.002571, -0.000459, -0.000197, 0.000199, 0.000048, -0.0000231,
        1, -1, 1, 0.000899, -0.001449, -0.000025, 0.000217, 0.0000002, -0.0000441,
        1, 0, -3, -0.001016, 0.001043, 0.000589, -0.000248, -0.0003359, 0.0000265,
        1, 0, -2, -0.002343, -0.001012, -0.000269, 0.000711, 0.0007856, -0.0007832,
        1, 0, -1, 0.007042, 0.000788, 0.000185, 0.000193, 0.0000036, 0.0045763,
        1, 0, 0, 0.001199, -0.000338, 0.000315, 0.000807, 0.0008663, 0.0008547,
        1, 0, 1, 0.000418, -0.000067, -0.00013, -0.000043, -0.0000809, -0.0000769,
        1, 0, 2, 0.00012, -0.000274, 0.000005, 0.000003, 0.0000263, -0.0000144,
        1, 0, 3, -0.00006, -0.000159, 0.000002, 0.000017, -0.0000126, 0.0000032,
        1, 0, 4, -0.000082, -0.000029, 0.000002, 0.000005, -0.0000035, -0.0000016,
        1, 1, -3, -0.000036, -0.000029, 0.000002, 0.000003, -0.0000019, -0.0000004,
        1, 1, -2, -0.00004, 0.000007, 0.000003, 0.000001, -0.0000015, 0.0000008,
        1, 1, -1, -0.000014, 0.000022, 0.000002, -0.000001, -0.0000004, 0.0000012,
        1, 1, 0, 0.000004, 0.000013, 0.000001, -0.000001, 0.0000005, 0.0000006,
        1, 1, 1, 0.000005, 0.000002, 0, -0.000001, 0.0000003, 0.0000001,
        1, 1, 3, -0.000001, 0, 0, 0, 0.0000006, -0.0000002,
        2, 0, -6, 0.000002, 0, 0, -0.000002, 0.0000002, 0.0000002,
        2, 0, -5, -0.000004, 0.000005, 0.000002, 0.000002, -0.0000002, -0.0000002,
        2, 0, -4, 0.000004, -0.000007, -0.000007, 0, 0.0000014, 0.0000013,
        2, 0, -3, 0.000014, 0.000024, 0.00001, -0.000008, -0.0000063, 0.0000013,
        2, 0, -2, -0.000049, -0.000034, -0.000003, 0.00002, 0.0000136, -0.0000236,
        2, 0, -1, 0.000163, -0.000048, 0.000006, 0.000005, 0.0000273, 0.0001065,
        2, 0, 0, 0.000009, -0.000024, 0.000014, 0.000017, 0.0000251, 0.0000149,
        2, 0, 1, -0.000004, 0.000001, -0.000002, 0, -0.0000025, -0.0000009,
        2, 0, 2, -0.000003, 0.000001, 0, 0, 0.0000009, -0.0000002,
        2, 0, 3, 0.000001, 0.000003, 0, 0, -0.0000008, 0.0000007,
        3, 0, -2, -0.000003, -0.000001, 0, 0.000001, 0.0000002, -0.000001,
        3, 0, -1, 0.000005, -0.000003, 0, 0, 0.0000019, 0.0000035,
        3, 0, 0, 0, 0, 0.000001, 0, 0.000001, 0.0000003,
    ];

    /// <summary>Heliocentric longitude and latitude (radians) and distance (AU), ecliptic and equinox of date.</summary>
    public static (double Longitude, double Latitude, double Radius) Heliocentric(double t)
    {
        var j = 34.35 + (3034.9057 * t);
        var s = 50.08 + (1222.1138 * t);
        var p = 238.96 + (144.96 * t);
        double longitude = 238.958116 + (144.96 * t), latitude = -3.908239, radius = 40.7241346;
        for (var i = 0; i < Terms.Length; i += 9)
        {
            var alpha = Angles.Radians((Terms[i] * j) + (Terms[i + 1] * s) + (Terms[i + 2] * p));
            var (sin, cos) = Math.SinCos(alpha);
            longitude += (Terms[i + 3] * sin) + (Terms[i + 4] * cos);
            latitude += (Terms[i + 5] * sin) + (Terms[i + 6] * cos);
            radius += (Terms[i + 7] * sin) + (Terms[i + 8] * cos);
        }

        var (ofDateLongitude, ofDateLatitude) = PrecessFromJ2000(Angles.Radians(longitude), Angles.Radians(latitude), t);
        return (ofDateLongitude, ofDateLatitude, radius);
    }

    /// <summary>Rigorous precession of ecliptic coordinates from J2000 to the date (Meeus 21.5 and 21.7).</summary>
    private static (double Longitude, double Latitude) PrecessFromJ2000(double longitude, double latitude, double t)
    {
        var eta = t * (47.0029 + (t * (-0.03302 + (t * 0.000060)))) * Angles.RadiansPerArcsecond;
        var node = Angles.Radians(174.876384) + (t * (-869.8089 + (t * 0.03536)) * Angles.RadiansPerArcsecond);
        var precession = t * (5029.0966 + (t * (1.11113 - (t * 0.000006)))) * Angles.RadiansPerArcsecond;

        var (sinEta, cosEta) = Math.SinCos(eta);
        var (sinBeta, cosBeta) = Math.SinCos(latitude);
        var (sinDelta, cosDelta) = Math.SinCos(node - longitude);
        var a = (cosEta * cosBeta * sinDelta) - (sinEta * sinBeta);
        var b = cosBeta * cosDelta;
        var c = (cosEta * sinBeta) + (sinEta * cosBeta * sinDelta);
        return (precession + node - Math.Atan2(a, b), Math.Asin(c));
    }
}
