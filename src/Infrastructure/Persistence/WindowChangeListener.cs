using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.VocWindows.Changes;
using Mediator;
using LunarVoc.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Listens on a dedicated connection for the windows' change notifications of every instance and
/// applies each here (caches dropped, streams woken) — within a second instead of the local
/// lifetime. After an outage it re-listens with backoff and, having perhaps missed notifications,
/// treats every cache as stale once. While it is down, readiness says Degraded and instances fall
/// back to the local-lifetime bound.
/// </summary>
internal sealed partial class WindowChangeListener(
    NpgsqlDataSource dataSource,
    WindowChangeFeed feed,
    ISender sender,
    TimeProvider timeProvider,
    ILogger<WindowChangeListener> logger) : BackgroundLoop
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly ThrottledLog _failures = new(timeProvider, TimeSpan.FromMinutes(1));
    private volatile bool _listening;

    public bool IsListening => _listening;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up start-up
        var backoff = FirstBackoff;
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(reconnecting, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _listening = false;
                if (_failures.ShouldWrite(out var occurrences))
                {
                    LogLost(logger, occurrences, ex.Message, backoff.TotalSeconds);
                }

                await Task.Delay(backoff, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                reconnecting = true;
                continue;
            }

            backoff = FirstBackoff;
        }

        _listening = false;
    }

    private async Task ListenAsync(bool reconnecting, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        var pending = 0;
        connection.Notification += (_, notification) =>
        {
            if (notification.Payload != feed.InstanceId)
            {
                Interlocked.Exchange(ref pending, 1);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {WindowChangeFeed.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _listening = true;
        if (reconnecting)
        {
            await ApplyAsync(stoppingToken); // whatever was announced while no one listened
        }

        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            if (Interlocked.Exchange(ref pending, 0) == 1)
            {
                await ApplyAsync(stoppingToken);
            }
        }
    }

    private async Task ApplyAsync(CancellationToken stoppingToken) => await sender.Send(new ApplyRemoteChangeCommand(), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications lost ({Occurrences} times since the last report): {Reason}; listening again in {DelaySeconds}s, caches meanwhile bounded by their local lifetime")]
    private static partial void LogLost(ILogger logger, long occurrences, string reason, double delaySeconds);
}
