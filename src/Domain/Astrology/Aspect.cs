namespace LunarVoc.Domain.Astrology;

/// <summary>The major (Ptolemaic) aspects; the value is the angle in degrees.</summary>
public enum Aspect
{
    Conjunction = 0,
    Sextile = 60,
    Square = 90,
    Trine = 120,
    Opposition = 180,
}

public static class Aspects
{
    /// <summary>
    /// The longitude differences, Moon minus planet in [0°, 360°), at which an aspect is exact:
    /// each aspect counted on both sides except conjunction and opposition.
    /// </summary>
    public static readonly IReadOnlyList<double> ExactDifferences = [0, 60, 90, 120, 180, 240, 270, 300];

    /// <summary>The aspect exact at a longitude difference from <see cref="ExactDifferences"/>.</summary>
    public static Aspect At(double difference) => (Aspect)(int)(difference <= 180 ? difference : 360 - difference);
}
