using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Streams;

/// <summary>How many live status streams an instance keeps open, and how often it says it is still there.</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>Open streams per instance; beyond it 503 with Retry-After (clients reconnect elsewhere or later).</summary>
    [Range(1, 100_000)]
    public int MaxOpen { get; set; } = 10_000;

    /// <summary>Open streams per client (IPv4 address or IPv6 /64); beyond it 429. Within the per-client connection cap.</summary>
    [Range(1, 100)]
    public int MaxPerClient { get; set; } = 10;

    /// <summary>A comment line this often keeps proxies from closing an idle stream.</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>How long a browser waits before reconnecting (the stream's retry: hint).</summary>
    [Range(100, 600_000)]
    public int ReconnectMilliseconds { get; set; } = 5_000;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
}
