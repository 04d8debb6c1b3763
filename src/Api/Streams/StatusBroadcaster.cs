using System.Text.Json;
using LunarVoc.Api.Contracts;
using LunarVoc.Api.Http;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Infrastructure.Hosting;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Streams;

/// <summary>
/// The one loop behind every status stream of this instance: it works out the status (from the
/// cache, like /status), publishes it when it differs from the last one, and sleeps on one timer
/// until the status next changes by itself (a window starts, ends or enters the 48 h horizon) or
/// the stored windows change. A second loop beats the heartbeat all streams share. No stream has a
/// timer, a query or a serialisation of its own. With no stream open it rests, and reads nothing.
/// </summary>
public sealed partial class StatusBroadcaster(
    ISender sender,
    WindowChanges changes,
    StreamSlots slots,
    TimeProvider timeProvider,
    IOptions<StreamOptions> options,
    IOptions<JsonOptions> json,
    StreamMetrics metrics,
    ILogger<StatusBroadcaster> logger) : BackgroundLoop
{
    // The status is looked at again at least this often: a cached answer's refresh may bring news.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    private TaskCompletionSource<StatusEvent> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _demand = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<StatusEvent> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StatusEvent? _latest;
    private string? _latestContent;

    /// <summary>The latest event, once there is one.</summary>
    public Task<StatusEvent> LatestAsync => Volatile.Read(ref _latest) is { } latest ? Task.FromResult(latest) : Volatile.Read(ref _first).Task;

    /// <summary>A stream opened: wake the loop if it rests.</summary>
    public void Demand() => Interlocked.Exchange(ref _demand, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public StatusEvent? Latest => Volatile.Read(ref _latest);

    /// <summary>Completes with the event after the latest.</summary>
    public Task<StatusEvent> Next => Volatile.Read(ref _next).Task;

    /// <summary>Completes at the next heartbeat.</summary>
    public Task Heartbeat => Volatile.Read(ref _heartbeat).Task;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var beating = BeatAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var demand = Volatile.Read(ref _demand).Task;
            if (slots.Open == 0)
            {
                await RestAsync(demand, stoppingToken);
                continue;
            }

            var changed = changes.Next; // taken before reading, so a change during the read is not missed
            TimeSpan sleep;
            try
            {
                var answer = await sender.Send(new GetVocStatusQuery(), stoppingToken);
                Publish(answer);
                sleep = SleepAfter(answer);
            }
            catch (DataSourceUnavailableException ex)
            {
                LogUnavailable(logger, ex.Message); // the streams keep their last event
                sleep = AfterFailure;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            await Task.WhenAny(changed, Task.Delay(sleep, timeProvider, stoppingToken)).ConfigureAwait(false);
        }

        await beating.ConfigureAwait(false);
    }

    /// <summary>No stream is open: forget the last event (it would be old when the next stream comes) and wait for one.</summary>
    private async Task RestAsync(Task demand, CancellationToken stoppingToken)
    {
        if (_first.Task.IsCompleted)
        {
            Volatile.Write(ref _first, new TaskCompletionSource<StatusEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        Volatile.Write(ref _latest, null);
        _latestContent = null;

        await demand.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static TimeSpan SleepAfter(VocAnswer answer)
    {
        if (answer.CacheStatus == Application.Common.Caching.CacheStatus.Stale)
        {
            return AfterFailure;
        }

        var untilChange = answer.Status.ValidUntil is { } change ? change - answer.Now : LongestSleep;
        return untilChange < TimeSpan.Zero ? TimeSpan.Zero : untilChange < LongestSleep ? untilChange : LongestSleep;
    }

    private void Publish(VocAnswer answer)
    {
        var response = VocStatusResponse.From(answer, null);
        // What the status says, whenever it was read: a cache refresh alone (a new as_of) is not news.
        var content = JsonSerializer.Serialize(response with { AsOf = default }, json.Value.JsonSerializerOptions);
        if (content == _latestContent)
        {
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(response, json.Value.JsonSerializerOptions);
        var id = CacheableBytesResult.ETagOf(System.Text.Encoding.UTF8.GetBytes(content)).Trim('"');
        var published = new StatusEvent(answer, id, StatusEvent.Frame(id, body), timeProvider.GetUtcNow(), Serialize);
        _latestContent = content;
        Volatile.Write(ref _latest, published);
        Volatile.Read(ref _first).TrySetResult(published);
        Interlocked.Exchange(ref _next, new TaskCompletionSource<StatusEvent>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(published);
        metrics.Published();
    }

    private byte[] Serialize(VocAnswer answer, TimeZoneInfo zone) =>
        JsonSerializer.SerializeToUtf8Bytes(VocStatusResponse.From(answer, zone), json.Value.JsonSerializerOptions);

    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Interlocked.Exchange(ref _heartbeat, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status streams keep their last event: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
