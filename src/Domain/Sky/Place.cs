namespace LunarVoc.Domain.Sky;

/// <summary>Where an observer stands: geodetic latitude and longitude (east positive) in degrees, height above sea level in metres.</summary>
public readonly record struct Place(double Latitude, double Longitude, double ElevationMetres)
{
    public const double MinElevationMetres = -500;
    public const double MaxElevationMetres = 9000;
}
