using LunarVoc.Domain.Astrology;

namespace LunarVoc.Domain.VocWindows;

/// <summary>
/// A void-of-course window as the ephemeris finds it: from the Moon's last exact major aspect in
/// <see cref="Sign"/> (or, when it makes none, its ingress into the sign) to its ingress into
/// <see cref="NextSign"/>.
/// </summary>
public sealed record ComputedVocWindow(
    DateTimeOffset StartAt, DateTimeOffset EndAt, ZodiacSign Sign, ZodiacSign NextSign, LastAspect? LastAspect);
