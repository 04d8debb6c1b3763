namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>The series' arithmetic: units and polynomials (reducing angles is the domain's <see cref="Domain.Astrology.Degrees"/>).</summary>
internal static class Angles
{
    public const double DegreesPerRadian = 180 / Math.PI;
    public const double RadiansPerArcsecond = Math.PI / (180 * 3600);

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
