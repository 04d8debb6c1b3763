namespace LunarVoc.Domain.Astrology;

/// <summary>Instants found by root finding on longitudes read in Unix seconds.</summary>
internal static class Roots
{
    private const double Tolerance = 1e-4; // seconds

    /// <summary>Seconds past a root after which the search is sure to look for the next one.</summary>
    public const double PastARoot = 60;

    /// <summary>
    /// The root of a smooth increasing function near <paramref name="guess"/>, from one known value,
    /// by the secant method to 0.1 ms.
    /// </summary>
    public static double Secant(Func<double, double> function, double known, double knownValue, double guess)
    {
        double x0 = known, f0 = knownValue, x1 = guess;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var f1 = function(x1);
            if (f1 == f0)
            {
                return x1;
            }

            var x2 = x1 - (f1 * (x1 - x0) / (f1 - f0));
            if (Math.Abs(x2 - x1) < Tolerance)
            {
                return x2;
            }

            (x0, f0, x1) = (x1, f1, x2);
        }

        throw new InvalidOperationException("The root search did not converge.");
    }

    /// <summary>
    /// The first root after <paramref name="after"/>, published to the second, found by
    /// <paramref name="firstRootFrom"/> (the first root from a time in Unix seconds). A root a
    /// fraction of a second after <paramref name="after"/> rounds down to it: then the one after is wanted.
    /// </summary>
    public static DateTimeOffset NextAfter(DateTimeOffset after, Func<double, double> firstRootFrom)
    {
        var root = firstRootFrom(UnixSeconds.Of(after));
        if (UnixSeconds.ToInstant(root) <= after)
        {
            root = firstRootFrom(root + PastARoot);
        }

        return UnixSeconds.ToInstant(root);
    }
}
