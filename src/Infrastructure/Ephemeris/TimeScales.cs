namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// UTC instants to Terrestrial Time. The series are in TT; the service speaks UTC. Since 1972
/// TT − UTC is 32.184 s plus the leap seconds (TAI − UTC) in force; before, the Espenak–Meeus
/// polynomial fits of ΔT (NASA, "Polynomial expressions for Delta T"). After the last leap second
/// (2017) the offset stays 69.184 s until another is announced.
/// </summary>
internal static class TimeScales
{
    public const double UnixEpochJulianDay = 2440587.5;
    public const double J2000 = 2451545.0;
    private const double SecondsPerDay = 86400;
    private const double DaysPerCentury = 36525;

    // (Unix seconds at which it took effect, TAI − UTC in seconds), IERS Bulletin C.
    private static readonly (long Since, int Seconds)[] LeapSeconds =
    [
        (63072000, 10), (78796800, 11), (94694400, 12), (126230400, 13), (157766400, 14),
        (189302400, 15), (220924800, 16), (252460800, 17), (283996800, 18), (315532800, 19),
        (362793600, 20), (394329600, 21), (425865600, 22), (489024000, 23), (567993600, 24),
        (631152000, 25), (662688000, 26), (709948800, 27), (741484800, 28), (773020800, 29),
        (820454400, 30), (867715200, 31), (915148800, 32), (1136073600, 33), (1230768000, 34),
        (1341100800, 35), (1435708800, 36), (1483228800, 37),
    ];

    /// <summary>Julian centuries of TT since J2000 at a UTC instant given in Unix seconds.</summary>
    public static double CenturiesSinceJ2000(double unixSeconds) =>
        ((unixSeconds + TerrestrialMinusUtc(unixSeconds)) / SecondsPerDay + UnixEpochJulianDay - J2000) / DaysPerCentury;

    /// <summary>TT − UTC in seconds.</summary>
    public static double TerrestrialMinusUtc(double unixSeconds)
    {
        if (unixSeconds >= LeapSeconds[0].Since)
        {
            var offset = LeapSeconds[0].Seconds;
            foreach (var (since, seconds) in LeapSeconds)
            {
                if (unixSeconds < since)
                {
                    break;
                }

                offset = seconds;
            }

            return offset + 32.184;
        }

        var year = 1970 + (unixSeconds / (365.2425 * SecondsPerDay));
        return year switch
        {
            < 1920 => Angles.Polynomial(year - 1900, -2.79, 1.494119, -0.0598939, 0.0061966, -0.000197),
            < 1941 => Angles.Polynomial(year - 1920, 21.20, 0.84493, -0.076100, 0.0020936),
            < 1961 => Angles.Polynomial(year - 1950, 29.07, 0.407, -1 / 233.0, 1 / 2547.0),
            _ => Angles.Polynomial(year - 1975, 45.45, 1.067, -1 / 260.0, -1 / 718.0),
        };
    }
}
