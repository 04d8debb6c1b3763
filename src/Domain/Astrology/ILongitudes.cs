namespace LunarVoc.Domain.Astrology;

/// <summary>
/// Where the Moon and the planets are: apparent geocentric ecliptic longitudes of date, in degrees,
/// at instants in seconds since 1970-01-01T00:00:00Z. The port through which the void-of-course
/// rule reads an ephemeris.
/// </summary>
public interface ILongitudes
{
    double MoonAt(double unixSeconds);

    double PlanetAt(Planet planet, double unixSeconds);
}
