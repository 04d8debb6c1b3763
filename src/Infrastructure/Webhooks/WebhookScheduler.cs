using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.Webhooks;
using LunarVoc.Application.Webhooks.ScheduleEvents;
using Polly;
using Polly.Registry;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// Keeps the time-based events queued: at start-up, after every change of the stored windows (on this
/// instance or, through the database's notifications, another), and hourly. Every instance runs it;
/// the store keeps one message per subscription and event, so running it twice queues nothing twice.
/// Each run also deletes the messages done more than <see cref="WebhookOptions.KeepDays"/> ago.
/// While the database is down it tries again as every loop of the service does (<see cref="ResiliencePipelines.Resume"/>).
/// </summary>
internal sealed class WebhookScheduler(
    Mediator.ISender sender,
    WindowChanges changes,
    WebhookSubscriptionChanges subscriptions,
    IWebhookDeliveries deliveries,
    WebhookStore store,
    IOptions<WebhookOptions> options,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider timeProvider) : BackgroundLoop
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private readonly ResiliencePipeline _resume = pipelines.GetPipeline(ResiliencePipelines.Resume);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var changed = Task.WhenAny(changes.Next, subscriptions.Next);
                await _resume.ExecuteAsync(
                    async token =>
                    {
                        await sender.Send(new ScheduleWebhookEventsCommand(), token);
                        await store.ForgetDoneAsync(timeProvider.GetUtcNow() - TimeSpan.FromDays(options.Value.KeepDays));
                    },
                    stoppingToken);
                await Task.WhenAny(changed, Task.Delay(Every, timeProvider, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                if (changed.IsCompleted)
                {
                    deliveries.Due(timeProvider.GetUtcNow()); // a change of the windows queues its windows.changed messages with it
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
