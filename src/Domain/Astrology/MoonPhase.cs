namespace LunarVoc.Domain.Astrology;

/// <summary>
/// The eight named phases, by the Moon's elongation from the Sun (its longitude minus the Sun's), as
/// people use the names: a principal phase (new Moon, first quarter, full Moon, last quarter) only
/// within about a day of its exact instant — the elongation within 12.19° (the mean daily motion) of
/// 0°, 90°, 180° or 270° — and a crescent or gibbous Moon between. A Moon 34 % lit is a crescent, not
/// a quarter. The four principal phases are also instants: when the elongation is exactly on them.
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
    /// <summary>How far from a principal phase's angle its name holds: the elongation's mean daily motion (360° per synodic month).</summary>
    public const double PrincipalHalfSpan = 12.190749;

    /// <summary>The principal phases, in the order they come.</summary>
    public static readonly IReadOnlyList<MoonPhase> Principal = [MoonPhase.NewMoon, MoonPhase.FirstQuarter, MoonPhase.FullMoon, MoonPhase.LastQuarter];

    /// <summary>The phase named by an elongation in degrees.</summary>
    public static MoonPhase Of(double elongation)
    {
        var angle = Degrees.Normalize(elongation);
        var quarter = Math.Round(angle / 90);
        return Math.Abs(angle - (quarter * 90)) < PrincipalHalfSpan
            ? (MoonPhase)((int)(quarter % 4) * 2)
            : (MoonPhase)(((int)Math.Floor(angle / 90) * 2) + 1);
    }

    /// <summary>The first elongation after <paramref name="elongation"/> (in [0, 360)) at which the name changes; above 360 past the last one.</summary>
    public static double NextNameBoundary(double elongation)
    {
        for (var quarter = 0; quarter <= 4; quarter++)
        {
            foreach (var boundary in (ReadOnlySpan<double>)[(quarter * 90) - PrincipalHalfSpan, (quarter * 90) + PrincipalHalfSpan])
            {
                if (boundary > elongation)
                {
                    return boundary;
                }
            }
        }

        return 360 + PrincipalHalfSpan;
    }

    /// <summary>The elongation at which a phase is exact (for the principal phases) or centred.</summary>
    public static double Elongation(this MoonPhase phase) => (int)phase * 45;

    public static bool IsPrincipal(this MoonPhase phase) => (int)phase % 2 == 0;
}
