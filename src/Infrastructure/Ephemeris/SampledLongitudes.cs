namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// The built-in ephemeris over one span, as the void-of-course rule reads it: each body's longitude
/// sampled on its own grid (<see cref="SampledLongitude"/>), since a root search reads a longitude
/// many times between two grid points.
/// </summary>
internal sealed class SampledLongitudes : ILongitudes
{
    private const double Day = 86400;

    private readonly SampledLongitude _moon;
    private readonly SampledLongitude[] _planets;

    public SampledLongitudes(DateTimeOffset from, DateTimeOffset until)
    {
        var start = UnixSeconds.Of(from - VoidOfCourse.Margin);
        var end = UnixSeconds.Of(until + VoidOfCourse.Margin);
        _moon = new SampledLongitude(seconds => Ephemeris.Moon.ApparentLongitude(TimeScales.CenturiesSinceJ2000(seconds)), start, end, Day / 8);
        _planets = [.. Enum.GetValues<Planet>().Select(planet => new SampledLongitude(
            seconds => Planets.ApparentLongitude(planet, TimeScales.CenturiesSinceJ2000(seconds)), start, end, GridStep(planet)))];
    }

    public double MoonAt(double unixSeconds) => _moon.At(unixSeconds);

    public double PlanetAt(Planet planet, double unixSeconds) => _planets[(int)planet].At(unixSeconds);

    /// <summary>Grid steps short enough for cubic interpolation to stay under 0.01" (the looping inner planets get the finest).</summary>
    private static double GridStep(Planet planet) => planet switch
    {
        Planet.Mercury or Planet.Venus => Day,
        Planet.Sun or Planet.Mars => 2 * Day,
        _ => 5 * Day,
    };
}
