namespace LunarVoc.Domain.Astrology;

/// <summary>The exact aspect with which the Moon's void of course begins.</summary>
public sealed record LastAspect(Planet Planet, Aspect Aspect);
