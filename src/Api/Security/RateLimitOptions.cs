using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>Request budgets: reads per client IP address, writes per API key, each per fixed window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int ReadsPerWindow { get; set; } = 300;

    [Range(1, 1_000_000)]
    public int WritesPerWindow { get; set; } = 60;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
