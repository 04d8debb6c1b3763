namespace LunarVoc.Domain.Astrology;

/// <summary>A principal phase and the instant it is exact (to the second, UTC).</summary>
public sealed record LunarPhase(MoonPhase Phase, DateTimeOffset At);
