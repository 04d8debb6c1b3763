namespace LunarVoc.Infrastructure.Ephemeris;

internal static class Angles
{
    public const double DegreesPerRadian = 180 / Math.PI;
    public const double RadiansPerArcsecond = Math.PI / (180 * 3600);

    /// <summary>Degrees in [0, 360).</summary>
    public static double Normalize(double degrees)
    {
        var value = degrees % 360;
        return value < 0 ? value + 360 : value;
    }

    /// <summary>Degrees in [-180, 180).</summary>
    public static double Signed(double degrees) => Normalize(degrees + 180) - 180;

    public static double Radians(double degrees) => degrees / DegreesPerRadian;

    /// <summary>c0 + c1·t + c2·t² + … by Horner's rule.</summary>
    public static double Polynomial(double t, params ReadOnlySpan<double> coefficients)
    {
        var value = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            value = (value * t) + coefficients[i];
        }

        return value;
    }
}
