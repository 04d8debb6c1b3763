namespace LunarVoc.Domain.Sky;

/// <summary>
/// The Moon for a place: where it stands (topocentric altitude and azimuth) and when it rises,
/// sets and culminates, found by scanning the altitude every few minutes and refining each
/// crossing by root finding — no interpolation formula with its own error (the parallax in right
/// ascension included), and every crossing of a day found, near the poles too.
/// </summary>
public static class MoonSky
{
    /// <summary>The scan's step: shorter than any rise-to-set span the Moon makes except the grazing ones, which are looked for apart.</summary>
    private const double ScanStep = 600;

    private const double EarthRadiusKm = 6378.137;
    private const double MoonRadiusKm = 1737.4;
    private const double Flattening = 1 / 298.257223563;
    private const double Tolerance = 0.01; // seconds

    /// <summary>Where the Moon stands seen from <paramref name="place"/>: geometric altitude of its centre and azimuth (from north, eastward), degrees.</summary>
    public static Topocentric At(MoonTracks tracks, Place place, double unixSeconds)
    {
        var moon = tracks.At(unixSeconds);
        var latitude = Radians(place.Latitude);
        var hourAngle = Radians(moon.SiderealTime + place.Longitude - moon.RightAscension);
        var declination = Radians(moon.Declination);

        // The observer and the Moon in Earth radii, in the frame of the local meridian (x towards
        // it on the equator, z to the north pole): the topocentric Moon is their difference.
        var u = Math.Atan((1 - Flattening) * Math.Tan(latitude));
        var height = place.ElevationMetres / 1000 / EarthRadiusKm;
        var observerX = Math.Cos(u) + (height * Math.Cos(latitude));
        var observerZ = ((1 - Flattening) * Math.Sin(u)) + (height * Math.Sin(latitude));
        var r = moon.DistanceKm / EarthRadiusKm;
        var x = (r * Math.Cos(declination) * Math.Cos(hourAngle)) - observerX;
        var y = r * Math.Cos(declination) * Math.Sin(hourAngle);
        var z = (r * Math.Sin(declination)) - observerZ;
        var distance = Math.Sqrt((x * x) + (y * y) + (z * z));

        var topocentricHourAngle = Math.Atan2(y, x);
        var topocentricDeclination = Math.Asin(z / distance);
        var altitude = Math.Asin((Math.Sin(latitude) * Math.Sin(topocentricDeclination)) +
            (Math.Cos(latitude) * Math.Cos(topocentricDeclination) * Math.Cos(topocentricHourAngle)));
        var azimuth = Math.Atan2(
            -Math.Cos(topocentricDeclination) * Math.Sin(topocentricHourAngle),
            (Math.Sin(topocentricDeclination) * Math.Cos(latitude)) - (Math.Cos(topocentricDeclination) * Math.Sin(latitude) * Math.Cos(topocentricHourAngle)));

        return new Topocentric(
            Degrees(altitude),
            Astrology.Degrees.Normalize(Degrees(azimuth)),
            Degrees(topocentricHourAngle),
            Degrees(Math.Asin(MoonRadiusKm / (distance * EarthRadiusKm))));
    }

    /// <summary>Whether the Moon is above the horizon (as <paramref name="horizon"/> counts it) at an instant.</summary>
    public static bool IsUp(MoonTracks tracks, Place place, Horizon horizon, double unixSeconds) =>
        horizon.Clearance(At(tracks, place, unixSeconds)) > 0;

    /// <summary>Every rise, set and upper culmination in [<paramref name="from"/>, <paramref name="until"/>), by instant.</summary>
    public static IReadOnlyList<SkyEvent> Events(MoonTracks tracks, Place place, Horizon horizon, double from, double until)
    {
        double AboveHorizon(double t) => horizon.Clearance(At(tracks, place, t));

        double HourAngle(double t) => At(tracks, place, t).HourAngle;

        // One position a grid point gives both the height above the horizon and the hour angle.
        (double Above, double HourAngle) Sample(double t)
        {
            var sky = At(tracks, place, t);
            return (horizon.Clearance(sky), sky.HourAngle);
        }

        var events = new List<SkyEvent>();
        var t0 = from;
        var (a0, h0) = Sample(t0);
        var previousStep = double.NaN;
        while (t0 < until)
        {
            var t1 = Math.Min(t0 + ScanStep, until);
            var (a1, h1) = Sample(t1);
            if (Math.Sign(a0) != Math.Sign(a1) && a1 != 0)
            {
                var root = Root(AboveHorizon, t0, a0, t1, a1);
                events.Add(Crossing(tracks, place, root, rising: a1 > 0));
            }
            else if (!double.IsNaN(previousStep))
            {
                FindGrazing(AboveHorizon, tracks, place, t0 - ScanStep, previousStep, t0, a0, t1, a1, events);
            }

            // The culmination: the hour angle passes zero going up (its wrap at ±180° goes down).
            if (h0 < 0 && h1 >= 0 && h1 - h0 < 180)
            {
                var root = Root(HourAngle, t0, h0, t1, h1);
                events.Add(new SkyEvent(SkyEventKind.Culmination, root, At(tracks, place, root).Altitude, null));
            }

            (previousStep, t0, a0, h0) = (a0, t1, a1, h1);
        }

        events.RemoveAll(e => e.At < from || e.At >= until);
        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }

    /// <summary>
    /// Two crossings within one step (the Moon grazing the horizon, far north or south): where the
    /// height above the horizon turns back between three samples of one sign, the turning point is
    /// found, and a crossing on each side of it if it lies on the other side of the horizon.
    /// </summary>
    private static void FindGrazing(
        Func<double, double> above, MoonTracks tracks, Place place,
        double tA, double fA, double tB, double fB, double tC, double fC, List<SkyEvent> events)
    {
        var turns = (fB - fA) * (fC - fB) < 0;
        if (!turns || Math.Sign(fA) != Math.Sign(fB) || Math.Sign(fB) != Math.Sign(fC) || Math.Abs(fB) > 1)
        {
            return;
        }

        var dips = fB > 0; // above the horizon and turning: look for a dip below it, else for a peak above it
        var turn = GoldenSection(t => dips ? above(t) : -above(t), tA, tC);
        var fTurn = above(turn);
        if (Math.Sign(fTurn) == Math.Sign(fB) || fTurn == 0)
        {
            return;
        }

        var first = Root(above, tA, fA, turn, fTurn);
        var second = Root(above, turn, fTurn, tC, fC);
        if (!events.Any(e => e.Kind != SkyEventKind.Culmination && Math.Abs(e.At - first) < 1))
        {
            events.Add(Crossing(tracks, place, first, rising: fTurn > 0));
        }

        if (!events.Any(e => e.Kind != SkyEventKind.Culmination && Math.Abs(e.At - second) < 1))
        {
            events.Add(Crossing(tracks, place, second, rising: fTurn < 0));
        }
    }

    private static SkyEvent Crossing(MoonTracks tracks, Place place, double at, bool rising) =>
        new(rising ? SkyEventKind.Rise : SkyEventKind.Set, at, null, At(tracks, place, at).Azimuth);

    /// <summary>The root of a function that changes sign on [a, b], by the Illinois method (false position that cannot stall).</summary>
    private static double Root(Func<double, double> f, double a, double fa, double b, double fb)
    {
        var side = 0;
        for (var i = 0; i < 100 && b - a > Tolerance; i++)
        {
            var c = ((a * fb) - (b * fa)) / (fb - fa);
            var fc = f(c);
            if (fc == 0)
            {
                return c;
            }

            if (Math.Sign(fc) == Math.Sign(fb))
            {
                (b, fb) = (c, fc);
                if (side == -1)
                {
                    fa /= 2;
                }

                side = -1;
            }
            else
            {
                (a, fa) = (c, fc);
                if (side == 1)
                {
                    fb /= 2;
                }

                side = 1;
            }
        }

        return (a + b) / 2;
    }

    /// <summary>Where a function is least on [a, b], to a second.</summary>
    private static double GoldenSection(Func<double, double> f, double a, double b)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = f(c), fd = f(d);
        while (b - a > 1)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}

/// <summary>The Moon seen from a place: geometric altitude of its centre, azimuth from north eastward, hour angle (−180°, 180°] and semidiameter, degrees.</summary>
public readonly record struct Topocentric(double Altitude, double Azimuth, double HourAngle, double Semidiameter);

public enum SkyEventKind
{
    Rise,
    Set,
    Culmination,
}

/// <summary>A rise or set (with its azimuth) or an upper culmination (with the altitude), at an instant in Unix seconds.</summary>
public readonly record struct SkyEvent(SkyEventKind Kind, double At, double? Altitude, double? Azimuth);
