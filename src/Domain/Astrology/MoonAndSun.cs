namespace LunarVoc.Domain.Astrology;

/// <summary>
/// The Moon and the Sun as seen from the Earth's centre at one instant (apparent ecliptic
/// coordinates of date, degrees; distances in km): what the Moon's sign, phase and illuminated
/// fraction follow from.
/// </summary>
public readonly record struct MoonAndSun(
    double MoonLongitude,
    double MoonLatitude,
    double MoonDistanceKm,
    double SunLongitude,
    double SunDistanceKm)
{
    /// <summary>The Moon's longitude minus the Sun's, in [0, 360): what names the phase.</summary>
    public double Elongation => Degrees.Normalize(MoonLongitude - SunLongitude);

    public MoonPhase Phase => MoonPhases.Of(Elongation);

    public ZodiacSign Sign => ZodiacSigns.Of(MoonLongitude);

    /// <summary>How far into its sign the Moon is, in [0, 30) degrees.</summary>
    public double DegreeInSign => Degrees.Normalize(MoonLongitude) % 30;

    /// <summary>
    /// The illuminated fraction of the Moon's disc, (1 + cos i) / 2, where i is the phase angle
    /// (Sun–Moon–Earth), from the true angular separation of the two bodies and their distances.
    /// </summary>
    public double IlluminatedFraction
    {
        get
        {
            var separation = Math.Acos(Math.Cos(Radians(MoonLatitude)) * Math.Cos(Radians(MoonLongitude - SunLongitude)));
            var phaseAngle = Math.Atan2(SunDistanceKm * Math.Sin(separation), MoonDistanceKm - (SunDistanceKm * Math.Cos(separation)));
            return (1 + Math.Cos(phaseAngle)) / 2;
        }
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
