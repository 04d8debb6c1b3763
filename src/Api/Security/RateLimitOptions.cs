using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>Request budgets: reads per client address, writes per API key, wrong keys per client address, each per fixed window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int ReadsPerWindow { get; set; } = 300;

    [Range(1, 1_000_000)]
    public int WritesPerWindow { get; set; } = 60;

    /// <summary>Wrong API keys a client address may send per window before its writes are refused.</summary>
    [Range(1, 1_000_000)]
    public int FailedKeysPerWindow { get; set; } = 10;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
