using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.VocWindows.Changes;
using Polly;
using Polly.Registry;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Listens on a dedicated connection for the windows' change notifications of every instance and
/// applies each here (caches dropped, streams woken) — within a second instead of the local
/// lifetime. A lost connection is listened on again through the resume pipeline (after 50 ms,
/// then waits doubling to at most half a second), and, notifications having perhaps been missed meanwhile, a reconnection is
/// applied as a change too. While it is down, readiness says Degraded and instances fall back to the
/// local-lifetime bound.
/// </summary>
internal sealed class WindowChangeListener(
    NpgsqlDataSource dataSource,
    WindowChangeFeed feed,
    WindowChangeEffects effects,
    ResiliencePipelineProvider<string> pipelines) : BackgroundLoop
{
    private readonly ResiliencePipeline _reconnect = pipelines.GetPipeline(ResiliencePipelines.Resume);
    private volatile bool _listening;
    private bool _listenedBefore;

    public bool IsListening => _listening;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up start-up
        try
        {
            await _reconnect.ExecuteAsync(ListenAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _listening = false;
        }
    }

    private async ValueTask ListenAsync(CancellationToken stoppingToken)
    {
        _listening = false;
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
        if (_listenedBefore)
        {
            await ApplyAsync(stoppingToken); // whatever was announced while no one listened
        }

        _listenedBefore = true;
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            if (Interlocked.Exchange(ref pending, 0) == 1)
            {
                await ApplyAsync(stoppingToken);
            }
        }
    }

    // Another instance (or this one) changed the stored windows: the same effects as a write here.
    private Task ApplyAsync(CancellationToken stoppingToken) => effects.ApplyAsync(VocWindowSnapshot.Tags, changed: true);
}
