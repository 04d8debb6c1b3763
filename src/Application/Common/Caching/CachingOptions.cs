using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.Common.Caching;

/// <summary>How long cached reads stay fresh, and how the last good answer is used when the database fails.</summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    [Range(1, 86_400)]
    public int StatusTtlSeconds { get; set; } = 120;

    [Range(1, 86_400)]
    public int CurrentTtlSeconds { get; set; } = 60;

    /// <summary>The oldest last-good answer still served when the database fails.</summary>
    [Range(0, 24 * 30)]
    public double MaxStalenessHours { get; set; } = 24;

    /// <summary>
    /// How long the database outage breaker stays open after two failed attempts in a row: misses then fail
    /// fast (the last good answer, or the failure) instead of retrying. 0 turns the breaker off; the least break is half a second.
    /// </summary>
    [Range(0, 3_600)]
    public double OutageThrottleSeconds { get; set; } = 10;

    /// <summary>When a stale answer exists, no request waits longer than this for a refresh.</summary>
    [Range(1, 60_000)]
    public int SoftTimeoutMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// With a shared (distributed) cache: how long an instance answers from its own memory before it looks
    /// at the shared cache again, so a write on one instance is seen by every instance within this bound.
    /// </summary>
    [Range(1, 3_600)]
    public int LocalLifetimeSeconds { get; set; } = 5;

    public TimeSpan LocalLifetime => TimeSpan.FromSeconds(LocalLifetimeSeconds);

    public TimeSpan StatusTtl => TimeSpan.FromSeconds(StatusTtlSeconds);

    public TimeSpan CurrentTtl => TimeSpan.FromSeconds(CurrentTtlSeconds);

    public TimeSpan MaxStaleness => TimeSpan.FromHours(MaxStalenessHours);

    public TimeSpan OutageBreak => OutageThrottleSeconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0.5, OutageThrottleSeconds));

    public TimeSpan SoftTimeout => TimeSpan.FromMilliseconds(SoftTimeoutMilliseconds);
}
