namespace LunarVoc.Domain.Astrology;

/// <summary>The Moon entering a sign, and when (to the second, UTC).</summary>
public sealed record MoonIngress(ZodiacSign Sign, DateTimeOffset At);
