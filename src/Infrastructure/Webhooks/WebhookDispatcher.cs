using System.Collections.Concurrent;
using System.Threading.Channels;
using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.Webhooks;
using LunarVoc.Infrastructure.Persistence;
using Polly;
using Polly.Registry;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// Delivers due messages: claims them from the store (one instance per message), sends each with its
/// own timeout under a bound on deliveries in flight (a slow receiver holds one slot, not the loop),
/// records the attempt and what follows — delivered, a retry on the schedule with the same message
/// id, or failed; 410 Gone and a subscription failing for too long disable it. Between claims it sleeps
/// until the next message is due (at most a few seconds, for messages other instances queued), woken
/// at once when this instance queues one. While the database is down it tries again as every loop of
/// the service does (<see cref="ResiliencePipelines.Resume"/>).
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookStore store,
    WebhookSender sender,
    TimeProvider timeProvider,
    IOptions<WebhookOptions> options,
    LunarVocMetrics metrics,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<WebhookDispatcher> logger) : BackgroundLoop, IWebhookDeliveries
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(2);

    // A claim outlives its attempt by this much, for the attempt's record to be written; then another
    // instance may take the message over (this one's instance died).
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    // The messages this instance has claimed and not yet recorded (at most one per delivery slot): never
    // claimed again by it, even when their record waits past the lease for the database to come back.
    private readonly ConcurrentDictionary<long, bool> _inFlight = new();
    private DateTimeOffset _counted = DateTimeOffset.MinValue;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ThrottledLog _failures = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ThrottledLog _storeDown = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ResiliencePipeline _resume = pipelines.GetPipeline(ResiliencePipelines.Resume);
    private readonly WebhookRecorder _recorder = new(store, pipelines.GetPipeline(ResiliencePipelines.Resume));

    public void Due(DateTimeOffset at) => _wake.Writer.TryWrite(true);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.MaxConcurrentDeliveries);
        var recording = _recorder.RunAsync(stoppingToken);
        try
        {
            // A round that fails (the database is down) is tried again by the pipeline every service loop resumes with.
            await _resume.ExecuteAsync(
                async token =>
                {
                    while (true)
                    {
                        await RoundAsync(slots, token);
                    }
                },
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            // Deliveries in flight end with the stop (their sends and their waits for a record are cancelled).
            for (var i = 0; i < settings.MaxConcurrentDeliveries; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }

            await recording.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Claims what is due (as many as there are free slots) and starts each delivery; sleeps until the next is due when none is left.</summary>
    private async Task RoundAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var free = slots.CurrentCount;
        if (free == 0)
        {
            await SleepAsync(LongestSleep, stoppingToken); // every slot busy: woken as soon as a delivery ends
            return;
        }

        var now = timeProvider.GetUtcNow();
        var claimed = await store.ClaimDueAsync(now, settings.AttemptTimeout + LeaseMargin, settings.LateLimit, free, settings.MaxInFlightPerSubscription, [.. _inFlight.Keys]);
        if (now - _counted >= TimeSpan.FromSeconds(1))
        {
            metrics.WebhooksWaiting(await store.CountDueAsync(now)); // a gauge: once a second is enough
            _counted = now;
        }

        foreach (var message in claimed)
        {
            await slots.WaitAsync(stoppingToken);
            _inFlight[message.Id] = true;
            _ = DeliverAsync(message, slots, stoppingToken);
        }

        if (claimed.Count > 0 && claimed.Count == free)
        {
            return; // more may be due now
        }

        // What is due and was not claimed waits for a turn (its subscription's attempts in flight, or
        // another instance's lease): a delivery that ends here wakes this loop, one that ends elsewhere is
        // seen within the longest sleep.
        var next = await store.NextChangeAsync(now);
        var sleep = next is { } at ? at - timeProvider.GetUtcNow() : LongestSleep;
        await SleepAsync(sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep < LongestSleep ? sleep : LongestSleep, stoppingToken);
    }

    private async Task SleepAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = _wake.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(woken, Task.Delay(wait, timeProvider, stop.Token));
        stop.Cancel();
        _wake.Reader.TryRead(out _);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task DeliverAsync(ClaimedMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = message.Active
                ? Judge(message, await sender.SendAsync(message, stoppingToken))
                : new AttemptOutcome("cancelled", timeProvider.GetUtcNow(), null, 0, "the subscription is disabled", null, null);
            await _recorder.RecordAsync(message, outcome, stoppingToken);
            var lag = outcome.State == "delivered" ? outcome.At - Utc.Of(message.OccursAt) : (TimeSpan?)null;
            metrics.WebhookAttempted(message.EventType, outcome.State == "pending" ? "retry" : outcome.State, lag);
            if (outcome.State != "delivered" && _failures.ShouldWrite(out var occurrences))
            {
                LogFailed(logger, occurrences, message.EventType, message.SubscriptionId, outcome.Error ?? "");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not recorded: the lease runs out and the message is claimed again.
            if (_storeDown.ShouldWrite(out var occurrences))
            {
                LogStoreDown(logger, occurrences, ex.Message);
            }
        }
        finally
        {
            _inFlight.TryRemove(message.Id, out _);
            slots.Release();
            Due(timeProvider.GetUtcNow());
        }
    }

    /// <summary>What follows an attempt: delivered (2xx), disabled (410 Gone, or failing too long), retried on the schedule, or failed for good.</summary>
    private AttemptOutcome Judge(ClaimedMessage message, (int? Status, int Milliseconds, string? Error) sent)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        if (sent.Status is >= 200 and < 300)
        {
            return new AttemptOutcome("delivered", now, sent.Status, sent.Milliseconds, null, null, null);
        }

        if (sent.Status == 410)
        {
            return new AttemptOutcome("failed", now, sent.Status, sent.Milliseconds, sent.Error, null, "the receiver answered 410 Gone");
        }

        var failingSince = message.FailingSince is { } since ? Utc.Of(since) : now;
        if (now - failingSince >= settings.DisableAfter)
        {
            return new AttemptOutcome("failed", now, sent.Status, sent.Milliseconds, sent.Error, null, $"every delivery failed for {settings.DisableAfterHours} h");
        }

        if (message.Attempts > settings.RetrySeconds.Length)
        {
            return new AttemptOutcome("failed", now, sent.Status, sent.Milliseconds, sent.Error, null, null);
        }

        var wait = settings.RetrySeconds[message.Attempts - 1] * (0.9 + (Random.Shared.NextDouble() * 0.2));
        return new AttemptOutcome("pending", now, sent.Status, sent.Milliseconds, sent.Error, now.AddSeconds(wait), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Occurrences} webhook deliveries failed since the last report; latest {EventType} to subscription {SubscriptionId}: {Error}")]
    private static partial void LogFailed(ILogger logger, long occurrences, string eventType, long subscriptionId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Occurrences} webhook delivery rounds could not reach the database since the last report; latest: {Reason}")]
    private static partial void LogStoreDown(ILogger logger, long occurrences, string reason);
}
