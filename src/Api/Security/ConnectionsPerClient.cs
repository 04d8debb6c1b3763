using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.AspNetCore.Connections;

namespace LunarVoc.Api.Security;

/// <summary>
/// Kestrel connection middleware: a client holding <see cref="RequestLimits.MaxConnectionsPerClient"/>
/// open connections has its next ones closed as they arrive. The server-wide cap alone would let one
/// client hold every slot and lock everyone else out. Counted, and logged at most once a minute.
/// </summary>
/// <remarks>Holds one counter per client with an open connection: bounded by the server's connection cap.</remarks>
public sealed partial class ConnectionsPerClient
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly IOptions<RequestLimits> _limits;
    private readonly IOptions<TrustedProxies> _proxies;
    private readonly Counter<long> _refused;
    private readonly ThrottledLog _log;
    private readonly ILogger<ConnectionsPerClient> _logger;

    public ConnectionsPerClient(IOptions<RequestLimits> limits, IOptions<TrustedProxies> proxies, IMeterFactory meters, TimeProvider timeProvider, ILogger<ConnectionsPerClient> logger)
    {
        // Read when the server binds, after start-up has validated them.
        _limits = limits;
        _proxies = proxies;
        _logger = logger;
        _log = new ThrottledLog(timeProvider, TimeSpan.FromMinutes(1));
        _refused = meters.Create(LunarVocMetrics.MeterName).CreateCounter<long>(
            "lunarvoc.connections.refused_per_client", description: "Connections closed because their client already held its share");
    }

    public ConnectionDelegate Limit(ConnectionDelegate next)
    {
        var limit = _limits.Value.MaxConnectionsPerClient;
        var proxies = _proxies.Value;
        return connection => LimitAsync(connection, next, limit, proxies);
    }

    private async Task LimitAsync(ConnectionContext connection, ConnectionDelegate next, int limit, TrustedProxies proxies)
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var peer } || proxies.Trusts(peer))
        {
            await next(connection);
            return;
        }

        var client = ClientAddress.PartitionOf(peer);
        if (_open.AddOrUpdate(client, 1, static (_, open) => open + 1) > limit)
        {
            Release(client);
            _refused.Add(1);
            if (_log.ShouldWrite(out var refused))
            {
                LogRefused(_logger, refused, client, limit);
            }

            connection.Abort(new ConnectionAbortedException("Too many connections from this client."));
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Release(client);
        }
    }

    private void Release(string client)
    {
        while (true)
        {
            var open = _open[client];
            if (open == 1 ? _open.TryRemove(KeyValuePair.Create(client, 1)) : _open.TryUpdate(client, open - 1, open))
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Refused} connections refused since the last report for clients at their limit of {Limit} (latest {Client})")]
    private static partial void LogRefused(ILogger logger, long refused, string client, int limit);
}
