namespace LunarVoc.Infrastructure.Ephemeris;

/// <summary>
/// A body's longitude over a span, computed once per grid point and read between grid points by
/// four-point (cubic) Lagrange interpolation. Longitudes are smooth on the scale of the grid: with
/// the steps chosen by <see cref="BuiltInEphemeris"/> the interpolation error stays under 0.01", far
/// below the series' own, while a root search reads the longitude many times per grid point.
/// </summary>
internal sealed class SampledLongitude(Func<double, double> longitudeAt, double start, double end, double step)
{
    private readonly double[] _samples = CreateSamples(start, end, step);

    /// <summary>The longitude in degrees, unwrapped near the grid point before <paramref name="unixSeconds"/>.</summary>
    public double At(double unixSeconds)
    {
        var position = (unixSeconds - start) / step;
        var index = (int)Math.Floor(position);
        if (index < 1 || index + 2 >= _samples.Length)
        {
            return longitudeAt(unixSeconds);
        }

        var x = position - index;
        var y1 = Sample(index);
        var y0 = y1 + Degrees.Relative(Sample(index - 1) - y1);
        var y2 = y1 + Degrees.Relative(Sample(index + 1) - y1);
        var y3 = y2 + Degrees.Relative(Sample(index + 2) - y2);

        // Lagrange weights for nodes at -1, 0, 1, 2.
        var w0 = -x * (x - 1) * (x - 2) / 6;
        var w1 = (x + 1) * (x - 1) * (x - 2) / 2;
        var w2 = -(x + 1) * x * (x - 2) / 2;
        var w3 = (x + 1) * x * (x - 1) / 6;
        return (w0 * y0) + (w1 * y1) + (w2 * y2) + (w3 * y3);
    }

    private double Sample(int index)
    {
        var value = _samples[index];
        if (double.IsNaN(value))
        {
            value = longitudeAt(start + (index * step));
            _samples[index] = value;
        }

        return value;
    }

    private static double[] CreateSamples(double start, double end, double step)
    {
        var samples = new double[(int)Math.Ceiling((end - start) / step) + 4];
        Array.Fill(samples, double.NaN);
        return samples;
    }
}
