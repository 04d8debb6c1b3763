using LunarVoc.Application.VocWindows;

using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Application.Webhooks.ScheduleEvents;

/// <summary>
/// Queues the void-of-course events (started, ended, upcoming) of the stored windows — those /status
/// shows, posted ones included — for every active subscription that asked for them, due at their
/// instants; cancels those queued for windows that no longer exist (replaced or removed before their
/// time). Run at start-up, after every change of the stored windows, and hourly as windows enter the
/// horizon. An event less than <see cref="LateLimit"/> old when it is queued (no instance ran at its
/// instant) is still sent, its timestamp showing it late; none predates its subscription.
/// </summary>
public sealed record ScheduleVocEventsCommand : ICommand<int>
{
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(48);
    public static readonly TimeSpan LateLimit = TimeSpan.FromHours(1);
    public static readonly IReadOnlyList<string> Types = [WebhookEvents.VocStarted, WebhookEvents.VocEnded, WebhookEvents.VocUpcoming];
}

public sealed class ScheduleVocEventsCommandHandler(
    IVocWindowRepository windows,
    IWebhookStore store,
    IWebhookDeliveries deliveries,
    TimeProvider timeProvider) : ICommandHandler<ScheduleVocEventsCommand, int>
{
    private const int MaxWindows = 100;

    public async ValueTask<int> Handle(ScheduleVocEventsCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var subscriptions = await store.ListSubscribedAsync(ScheduleVocEventsCommand.Types, cancellationToken);
        var stored = await windows.ListAsync(
            now - ScheduleVocEventsCommand.LateLimit - TimeSpan.FromDays(4), now + ScheduleVocEventsCommand.Horizon + TimeSpan.FromDays(1), null, MaxWindows, cancellationToken);
        var messages = new List<WebhookMessage>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var window in stored)
        {
            foreach (var subscription in subscriptions)
            {
                foreach (var (type, occursAt, dueAt) in EventsOf(window, subscription))
                {
                    var key = $"{type}:{window.Id}:{window.StartAt.UtcTicks}:{window.EndAt.UtcTicks}";
                    keys.Add(key);
                    if (occursAt >= subscription.CreatedAt && occursAt >= now - ScheduleVocEventsCommand.LateLimit && dueAt <= now + ScheduleVocEventsCommand.Horizon)
                    {
                        messages.Add(new WebhookMessage(subscription.Id, key, type, occursAt, dueAt, WebhookPayloads.Of(type, occursAt, new { Window = WebhookPayloads.Window(window) })));
                    }
                }
            }
        }

        await store.CancelPendingAsync(ScheduleVocEventsCommand.Types, keys, cancellationToken);
        if (messages.Count > 0)
        {
            await store.EnqueueAsync(messages, cancellationToken);
            deliveries.Due(messages.Min(message => message.DueAt));
        }

        return messages.Count;
    }

    private static IEnumerable<(string Type, DateTimeOffset OccursAt, DateTimeOffset DueAt)> EventsOf(VocWindow window, Webhook subscription)
    {
        foreach (var type in subscription.Events)
        {
            switch (type)
            {
                case WebhookEvents.VocStarted:
                    yield return (type, window.StartAt, window.StartAt);
                    break;
                case WebhookEvents.VocEnded:
                    yield return (type, window.EndAt, window.EndAt);
                    break;
                case WebhookEvents.VocUpcoming when subscription.LeadMinutes is { } lead:
                    var at = window.StartAt - TimeSpan.FromMinutes(lead);
                    yield return (type, at, at);
                    break;
            }
        }
    }
}
