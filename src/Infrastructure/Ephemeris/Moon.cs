using LunarVoc.Domain.Sky;
using LunarVoc.Infrastructure.Ephemeris.Tables;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// The Moon's apparent geocentric longitude from the ELP/MPP02 series (mean ecliptic of date,
/// departure point of J2000): precession in longitude to the equinox of date, light time and
/// nutation added. Aberration needs no term of its own for the Moon: the Earth's orbital
/// motion carries both bodies, so the light time of the geocentric position is the whole of it.
/// </summary>
internal static class Moon
{
    private const double KilometresPerLightSecond = 299792.458;
    private const double SecondsPerCentury = 86400.0 * 36525;

    /// <summary>Apparent longitude in degrees [0, 360) at <paramref name="t"/> Julian centuries of TT from J2000.</summary>
    public static double ApparentLongitude(double t)
    {
        return Degrees.Normalize(GeometricLongitude(Emitted(t)) + Nutation.InLongitude(t));
    }

    /// <summary>Geometric longitude, mean equinox of date, in degrees.</summary>
    public static double GeometricLongitude(double t)
    {
        var meanLongitude = Angles.Polynomial(t, ElpMpp02.MeanLongitude) * Angles.DegreesPerRadian;
        var periodic = Sum(ElpMpp02.Longitude, t) / 3600;
        // General precession in longitude from the J2000 departure point, with ELP/MPP02's
        // correction to the IAU 1976 rate (Chapront & Francou 2002).
        var precession = t * ((5029.0966 - 0.29965) + (t * (1.1120 + (t * (0.000077 - (t * 0.00002353)))))) / 3600;
        return meanLongitude + periodic + precession;
    }

    /// <summary>Latitude in degrees above the mean ecliptic, as seen at <paramref name="t"/> (light time included).</summary>
    public static double ApparentLatitude(double t) => Sum(ElpMpp02.Latitude, Emitted(t)) / 3600;

    /// <summary>Distance from the Earth's centre in km (to about 100 km: it sets the light time and the phase angle, where that is far below what shows).</summary>
    public static double Distance(double t) => Sum(ElpMpp02.Distance, t);

    /// <summary>
    /// The Moon's track over [<paramref name="start"/>, <paramref name="end"/>] (Unix seconds, UTC) every
    /// <paramref name="step"/> seconds: apparent right ascension and declination of date, distance, and
    /// the equation of the equinoxes — what a place's sky is worked out from.
    /// </summary>
    public static MoonTrack Track(double start, double end, double step)
    {
        var count = (int)Math.Ceiling((end - start) / step) + 1;
        var (ra, dec, distance, equinoxes) = (new double[count], new double[count], new double[count], new double[count]);
        for (var i = 0; i < count; i++)
        {
            var t = TimeScales.CenturiesSinceJ2000(start + (i * step));
            var obliquity = Angles.Radians(Nutation.TrueObliquity(t));
            var longitude = Angles.Radians(ApparentLongitude(t));
            var latitude = Angles.Radians(ApparentLatitude(t));
            ra[i] = Degrees.Normalize(Angles.DegreesPerRadian * Math.Atan2(
                (Math.Sin(longitude) * Math.Cos(obliquity)) - (Math.Tan(latitude) * Math.Sin(obliquity)), Math.Cos(longitude)));
            dec[i] = Angles.DegreesPerRadian * Math.Asin(
                (Math.Sin(latitude) * Math.Cos(obliquity)) + (Math.Cos(latitude) * Math.Sin(obliquity) * Math.Sin(longitude)));
            distance[i] = Distance(t);
            equinoxes[i] = Nutation.InLongitude(t) * Math.Cos(obliquity);
        }

        return new MoonTrack(start, step, ra, dec, distance, equinoxes);
    }

    private static double Emitted(double t) => t - (Distance(t) / KilometresPerLightSecond / SecondsPerCentury);

    private static double Sum(double[][] powers, double t)
    {
        var t2 = t * t;
        var t3 = t2 * t;
        var t4 = t3 * t;
        var total = 0.0;
        for (var k = powers.Length - 1; k >= 0; k--)
        {
            var terms = powers[k];
            var sum = 0.0;
            for (var i = 0; i < terms.Length; i += 6)
            {
                var phase = terms[i + 1] + (terms[i + 2] * t) + (terms[i + 3] * t2) + (terms[i + 4] * t3) + (terms[i + 5] * t4);
                sum += terms[i] * Math.Sin(phase);
            }

            total = (total * t) + sum;
        }

        return total;
    }
}
