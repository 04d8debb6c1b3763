using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.Webhooks;
using LunarVoc.Application.Webhooks.ScheduleEvents;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// Keeps the time-based events queued: at start-up, after every change of the stored windows (on this
/// instance or, through the database's notifications, another), and hourly. Every instance runs it;
/// the store keeps one message per subscription and event, so running it twice queues nothing twice.
/// </summary>
internal sealed partial class WebhookScheduler(
    Mediator.ISender sender,
    WindowChanges changes,
    WebhookSubscriptionChanges subscriptions,
    TimeProvider timeProvider,
    ILogger<WebhookScheduler> logger) : BackgroundLoop
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private readonly ThrottledLog _failures = new(timeProvider, TimeSpan.FromMinutes(1));

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = Task.WhenAny(changes.Next, subscriptions.Next);
            var wait = Every;
            try
            {
                await sender.Send(new ScheduleWebhookEventsCommand(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                wait = TimeSpan.FromSeconds(10);
                if (_failures.ShouldWrite(out var occurrences))
                {
                    LogFailed(logger, occurrences, ex.Message);
                }
            }

            try
            {
                await Task.WhenAny(changed, Task.Delay(wait, timeProvider, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook events could not be scheduled {Occurrences} times since the last report; latest: {Reason}")]
    private static partial void LogFailed(ILogger logger, long occurrences, string reason);
}
