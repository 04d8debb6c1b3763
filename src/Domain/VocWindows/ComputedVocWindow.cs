namespace LunarVoc.Domain.VocWindows;

/// <summary>
/// A void-of-course window as the ephemeris finds it: from the Moon's last exact major aspect in
/// its sign (or, when it makes none, its ingress into the sign) to its ingress into the next sign.
/// </summary>
public sealed record ComputedVocWindow(DateTimeOffset StartAt, DateTimeOffset EndAt, VocWindowDetails Details)
{
    /// <summary>The source recorded for windows the service computes itself.</summary>
    public const string Source = "ephemeris";
}
