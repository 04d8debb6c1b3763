using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>
/// What one request and the server's connections may hold. Every open connection is a file handle:
/// keep <see cref="MaxConcurrentConnections"/> well below the process's limit (ulimit -n), so a flood
/// of idle sockets is refused by the server instead of exhausting the process.
/// </summary>
public sealed class RequestLimits
{
    public const string SectionName = "Limits";

    /// <summary>The largest request body accepted; a window is a few hundred bytes.</summary>
    [Range(1024, 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Open connections beyond this are closed as they arrive.</summary>
    [Range(1, 1_000_000)]
    public long MaxConcurrentConnections { get; set; } = 2_000;

    /// <summary>
    /// Open connections one client (an IPv4 address or an IPv6 /64) may hold; beyond it its new
    /// connections are closed as they arrive, so one client cannot take the whole server. Trusted
    /// proxies, which carry many clients, are exempt.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerClient { get; set; } = 100;

    /// <summary>An idle keep-alive connection is closed after this many seconds (Kestrel's default is 130).</summary>
    [Range(1, 600)]
    public int KeepAliveTimeoutSeconds { get; set; } = 15;

    /// <summary>A client must have sent all its request headers within this many seconds (Kestrel's default is 30).</summary>
    [Range(1, 300)]
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;
}
