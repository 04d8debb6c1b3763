using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Streams;

/// <summary>How many live status streams an instance keeps open, how often it says it is still there, and what a slow client may hold up.</summary>
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

    /// <summary>
    /// What a stream may hold unread by its client: after every write the socket's unsent bytes are read
    /// (Linux), and past this the stream is closed. The socket's send buffer is set to it as well.
    /// </summary>
    [Range(4, 4_096)]
    public int MaxQueuedKilobytes { get; set; } = 64;

    /// <summary>
    /// A write (an event or a heartbeat) not taken within this time closes the stream: the backstop where
    /// the unsent bytes cannot be read (HTTP/2, other systems). The client may reconnect with Last-Event-ID.
    /// </summary>
    [Range(1, 300)]
    public int WriteTimeoutSeconds { get; set; } = 10;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    public TimeSpan WriteTimeout => TimeSpan.FromSeconds(WriteTimeoutSeconds);
}
