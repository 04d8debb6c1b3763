namespace LunarVoc.Infrastructure.Ephemeris.Tables;

/// <summary>
/// One body's VSOP87 series: for each coordinate and power k of τ (Julian millennia of TT from
/// J2000), flat triples (A, B, C) summed as τᵏ·Σ A·cos(B + C·τ).
/// </summary>
internal sealed class Vsop87Series(double[][] longitude, double[][] latitude, double[][] radius)
{
    /// <summary>Heliocentric longitude and latitude (radians) and distance (AU), ecliptic and equinox of date.</summary>
    public (double Longitude, double Latitude, double Radius) Evaluate(double tau) =>
        (Sum(longitude, tau), Sum(latitude, tau), Sum(radius, tau));

    private static double Sum(double[][] powers, double tau)
    {
        var total = 0.0;
        for (var k = powers.Length - 1; k >= 0; k--)
        {
            var terms = powers[k];
            var sum = 0.0;
            for (var i = 0; i < terms.Length; i += 3)
            {
                sum += terms[i] * Math.Cos(terms[i + 1] + (terms[i + 2] * tau));
            }

            total = (total * tau) + sum;
        }

        return total;
    }
}
