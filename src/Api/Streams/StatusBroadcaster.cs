using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.VocWindows.GetVocStatus;

namespace LunarVoc.Api.Streams;

/// <summary>
/// The one loop behind every status stream of this instance: it works out the status (from the
/// cache, like /status), publishes it when it says something new, and sleeps until the status next
/// changes by itself (a window starts, ends or enters the 48 h horizon) or a change is announced —
/// a write, another instance's write, or the database answering again after an outage. A second loop
/// beats the heartbeat all streams share. No stream has a timer, a query or a serialisation of its
/// own. With no stream open it rests, and reads nothing.
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

    private TaskCompletionSource<StatusEvent> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _demand = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ThrottledLog _failures = new(timeProvider, TimeSpan.FromMinutes(1));
    private StatusEvent? _latest;

    // The last event before a rest: a stream that took it just as the loop came to rest still hears of the next one.
    private StatusEvent? _rested;

    /// <summary>The latest event, once there is one; each event leads to the next (<see cref="StatusEvent.Next"/>).</summary>
    public Task<StatusEvent> LatestAsync => Volatile.Read(ref _latest) is { } latest ? Task.FromResult(latest) : Volatile.Read(ref _first).Task;

    /// <summary>A stream opened: wake the loop if it rests.</summary>
    public void Demand() => Interlocked.Exchange(ref _demand, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

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
            var sleep = LongestSleep;
            try
            {
                var answer = await sender.Send(new GetVocStatusQuery(), stoppingToken);
                Publish(answer);
                sleep = SleepAfter(answer);
            }
            catch (DataSourceUnavailableException ex)
            {
                // The streams keep their last event; the database answering again is announced as a change.
                LogUnavailable(logger, ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // An error of no known kind (a schema changed under us, a bug): the read's own request
                // would be a 500, but this loop ending would stop the host. The streams keep their last event.
                metrics.ReadFailed();
                if (_failures.ShouldWrite(out var occurrences))
                {
                    LogFailed(logger, ex, occurrences);
                }
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

        Volatile.Write(ref _rested, Interlocked.Exchange(ref _latest, null) ?? Volatile.Read(ref _rested));
        await demand.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Until the status changes by itself; a stale answer until the outage's end is announced (or the longest sleep).</summary>
    private static TimeSpan SleepAfter(VocAnswer answer)
    {
        if (answer.CacheStatus == CacheStatus.Stale || answer.Status.ValidUntil is not { } change)
        {
            return LongestSleep;
        }

        var untilChange = change - answer.Now;
        return untilChange < TimeSpan.Zero ? TimeSpan.Zero : untilChange < LongestSleep ? untilChange : LongestSleep;
    }

    private void Publish(VocAnswer answer)
    {
        var latest = Volatile.Read(ref _latest);
        var stale = answer.CacheStatus == CacheStatus.Stale;
        // What the status says, whenever it was read: a cache refresh alone (a new as_of) is not news.
        if (latest is not null && (latest.Answer.CacheStatus == CacheStatus.Stale) == stale && latest.Answer.Status.SaysTheSameAs(answer.Status))
        {
            return;
        }

        var response = VocStatusResponse.From(answer, null);
        var id = CacheableBytesResult.ETagOf(JsonSerializer.SerializeToUtf8Bytes(response with { AsOf = default }, json.Value.JsonSerializerOptions)).Trim('"');
        var body = JsonSerializer.SerializeToUtf8Bytes(response, json.Value.JsonSerializerOptions);
        var published = new StatusEvent(answer, id, StatusEvent.Frame(id, body), timeProvider.GetUtcNow(), Serialize);
        Volatile.Write(ref _latest, published);
        (latest ?? Interlocked.Exchange(ref _rested, null))?.Followed(published);
        Volatile.Read(ref _first).TrySetResult(published);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Occurrences} status reads for the streams failed since the last report; the streams keep their last event")]
    private static partial void LogFailed(ILogger logger, Exception exception, long occurrences);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status streams keep their last event: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
