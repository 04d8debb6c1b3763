namespace LunarVoc.Domain.Astrology;

/// <summary>
/// The eight named phases, by the Moon's elongation from the Sun (its longitude minus the Sun's):
/// each name holds for the 45° centred on its angle — new Moon from 337.5° to 22.5°, first quarter
/// from 67.5° to 112.5°, and so on. The four principal phases are also instants: when the
/// elongation is exactly 0°, 90°, 180° or 270°.
/// </summary>
public enum MoonPhase
{
    NewMoon,
    WaxingCrescent,
    FirstQuarter,
    WaxingGibbous,
    FullMoon,
    WaningGibbous,
    LastQuarter,
    WaningCrescent,
}

public static class MoonPhases
{
    public const double NameSpan = 45;

    /// <summary>The principal phases, in the order they come.</summary>
    public static readonly IReadOnlyList<MoonPhase> Principal = [MoonPhase.NewMoon, MoonPhase.FirstQuarter, MoonPhase.FullMoon, MoonPhase.LastQuarter];

    /// <summary>The phase named by an elongation in degrees.</summary>
    public static MoonPhase Of(double elongation) =>
        (MoonPhase)((int)Math.Floor(Degrees.Normalize(elongation + (NameSpan / 2)) / NameSpan) % 8);

    /// <summary>The elongation at which a phase is exact (for the principal phases) or centred.</summary>
    public static double Elongation(this MoonPhase phase) => (int)phase * NameSpan;

    public static bool IsPrincipal(this MoonPhase phase) => (int)phase % 2 == 0;
}
