using LunarVoc.Infrastructure.Ephemeris.Tables;

namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// Apparent geocentric longitudes of the Sun and planets (Meeus, Astronomical Algorithms, 2nd ed.,
/// chapters 25 and 33): heliocentric VSOP87D positions (Pluto: chapter 37), light time by
/// iteration, annual aberration (23.2), the VSOP-to-FK5 correction (32.3) and nutation.
/// </summary>
internal static class Planets
{
    private const double LightDaysPerAu = 0.0057755183;
    private const double DaysPerCentury = 36525;
    private const double Aberration = 20.49552 / 3600;
    private const double KilometresPerAu = 149_597_870.7;

    private static readonly Vsop87Series[] Series =
    [
        Vsop87Earth.Series, Vsop87Mercury.Series, Vsop87Venus.Series, Vsop87Mars.Series, Vsop87Jupiter.Series,
        Vsop87Saturn.Series, Vsop87Uranus.Series, Vsop87Neptune.Series,
    ];

    /// <summary>Apparent longitude in degrees [0, 360) at <paramref name="t"/> Julian centuries of TT from J2000.</summary>
    public static double ApparentLongitude(Planet planet, double t)
    {
        var earth = Series[0].Evaluate(t / 10);
        return planet == Planet.Sun ? Sun(earth, t) : OtherPlanet(planet, earth, t);
    }

    /// <summary>The Sun's distance from the Earth's centre in km at <paramref name="t"/>.</summary>
    public static double SunDistanceKm(double t) => Series[0].Evaluate(t / 10).Radius * KilometresPerAu;

    private static double Sun((double Longitude, double Latitude, double Radius) earth, double t)
    {
        var longitude = (earth.Longitude * Angles.DegreesPerRadian) + 180;
        var aberration = -20.4898 / 3600 / earth.Radius;
        return Degrees.Normalize(longitude + aberration + ToFk5(longitude, -earth.Latitude, t) + Nutation.InLongitude(t));
    }

    private static double OtherPlanet(Planet planet, (double Longitude, double Latitude, double Radius) earth, double t)
    {
        var (sinL0, cosL0) = Math.SinCos(earth.Longitude);
        var (sinB0, cosB0) = Math.SinCos(earth.Latitude);
        double x = 0, y = 0, z = 0, lightTime = 0;
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var (l, b, r) = Heliocentric(planet, t - (lightTime / DaysPerCentury));
            var (sinL, cosL) = Math.SinCos(l);
            var (sinB, cosB) = Math.SinCos(b);
            x = (r * cosB * cosL) - (earth.Radius * cosB0 * cosL0);
            y = (r * cosB * sinL) - (earth.Radius * cosB0 * sinL0);
            z = (r * sinB) - (earth.Radius * sinB0);
            lightTime = LightDaysPerAu * Math.Sqrt((x * x) + (y * y) + (z * z));
        }

        var longitude = Math.Atan2(y, x) * Angles.DegreesPerRadian;
        var latitude = Math.Atan2(z, Math.Sqrt((x * x) + (y * y)));
        var sun = Angles.Radians((earth.Longitude * Angles.DegreesPerRadian) + 180);
        var eccentricity = 0.016708634 - (t * (0.000042037 + (t * 0.0000001267)));
        var perihelion = Angles.Radians(102.93735 + (t * (1.71946 + (t * 0.00046))));
        var lambda = Angles.Radians(longitude);
        var aberration = ((-Aberration * Math.Cos(sun - lambda)) + (eccentricity * Aberration * Math.Cos(perihelion - lambda))) / Math.Cos(latitude);
        var frame = planet == Planet.Pluto ? 0 : ToFk5(longitude, latitude, t);
        return Degrees.Normalize(longitude + aberration + frame + Nutation.InLongitude(t));
    }

    private static (double Longitude, double Latitude, double Radius) Heliocentric(Planet planet, double t) =>
        planet == Planet.Pluto ? Pluto.Heliocentric(t) : Series[(int)planet].Evaluate(t / 10);

    /// <summary>VSOP87's dynamical ecliptic and equinox to FK5 (Meeus 32.3), in degrees.</summary>
    private static double ToFk5(double longitudeDegrees, double latitudeRadians, double t)
    {
        var shifted = Angles.Radians(longitudeDegrees - (t * (1.397 + (t * 0.00031))));
        return (-0.09033 + (0.03916 * (Math.Cos(shifted) + Math.Sin(shifted)) * Math.Tan(latitudeRadians))) / 3600;
    }
}
