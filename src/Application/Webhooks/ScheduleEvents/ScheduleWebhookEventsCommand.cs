using System.Text.Json;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.VocWindows;

using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Application.Webhooks.ScheduleEvents;

/// <summary>
/// Queues the time-based events of the next 48 hours for every active subscription that asked for
/// them, due at their instants: the void-of-course events (upcoming, started, ended) of the stored
/// windows — those /status shows, posted ones included — and the Moon's ingresses and principal
/// phases from the ephemeris. Cancels those queued for windows that no longer exist (replaced or
/// removed before their time). Run at start-up, after every change of the stored windows or the
/// subscriptions, and hourly as events enter the horizon. An event less than
/// <see cref="WebhookOptions.LateLimit"/> old when it is queued (no instance ran at its instant) is still
/// sent, its timestamp showing it late; none predates its subscription.
/// </summary>
public sealed record ScheduleWebhookEventsCommand : ICommand<int>
{
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(48);
    public static readonly IReadOnlyList<string> Types = [WebhookEvents.VocStarted, WebhookEvents.VocEnded, WebhookEvents.VocUpcoming, WebhookEvents.MoonIngress, WebhookEvents.MoonPhase];
}

public sealed class ScheduleWebhookEventsCommandHandler(
    IVocWindowRepository windows,
    IEphemeris ephemeris,
    IWebhookStore store,
    IWebhookDeliveries deliveries,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider) : ICommandHandler<ScheduleWebhookEventsCommand, int>
{
    private const int MaxWindows = 100;

    public async ValueTask<int> Handle(ScheduleWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var from = now - options.Value.LateLimit;
        var until = now + ScheduleWebhookEventsCommand.Horizon;
        var subscriptions = await store.ListSubscribedAsync(ScheduleWebhookEventsCommand.Types, cancellationToken);
        var stored = await windows.ListAsync(
            from - TimeSpan.FromDays(4), until + TimeSpan.FromDays(1), null, MaxWindows, cancellationToken);
        var messages = new List<WebhookMessage>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // Worked out once for every subscription that asked for them, not once per subscription.
        var moon = subscriptions.Any(s => s.Events.Contains(WebhookEvents.MoonIngress) || s.Events.Contains(WebhookEvents.MoonPhase)) ? MoonEvents(from, until).ToList() : [];
        foreach (var subscription in subscriptions)
        {
            var events = stored.SelectMany(window => VoidEvents(window, subscription)).Concat(moon.Where(e => subscription.Events.Contains(e.Type)));
            foreach (var (type, key, occursAt, dueAt, data) in events)
            {
                keys.Add(key);
                if (occursAt >= subscription.CreatedAt && occursAt >= from && dueAt <= until)
                {
                    messages.Add(new WebhookMessage(subscription.Id, key, type, occursAt, dueAt, WebhookPayloads.Of(type, occursAt, data)));
                }
            }
        }

        await store.CancelPendingAsync(ScheduleWebhookEventsCommand.Types, keys, cancellationToken);
        if (messages.Count > 0)
        {
            await store.EnqueueAsync(messages, cancellationToken);
            deliveries.Due(messages.Min(message => message.DueAt));
        }

        return messages.Count;
    }

    private static IEnumerable<(string Type, string Key, DateTimeOffset OccursAt, DateTimeOffset DueAt, object Data)> VoidEvents(VocWindow window, Webhook subscription)
    {
        var data = new { Window = WebhookPayloads.Window(window) };
        foreach (var type in subscription.Events)
        {
            var key = $"{type}:{window.Id}:{window.StartAt.UtcTicks}:{window.EndAt.UtcTicks}";
            switch (type)
            {
                case WebhookEvents.VocStarted:
                    yield return (type, key, window.StartAt, window.StartAt, data);
                    break;
                case WebhookEvents.VocEnded:
                    yield return (type, key, window.EndAt, window.EndAt, data);
                    break;
                case WebhookEvents.VocUpcoming when subscription.LeadMinutes is { } lead:
                    var at = window.StartAt - TimeSpan.FromMinutes(lead);
                    yield return (type, key, at, at, data);
                    break;
            }
        }
    }

    /// <summary>The Moon's ingresses and principal phases in [from, until).</summary>
    private IEnumerable<(string Type, string Key, DateTimeOffset OccursAt, DateTimeOffset DueAt, object Data)> MoonEvents(DateTimeOffset from, DateTimeOffset until)
    {
        for (var ingress = ephemeris.NextIngress(from); ingress.At < until; ingress = ephemeris.NextIngress(ingress.At))
        {
            var data = new { Sign = ingress.Sign.ToString(), At = WebhookPayloads.Instant(ingress.At) };
            yield return (WebhookEvents.MoonIngress, $"{WebhookEvents.MoonIngress}:{ingress.At.UtcTicks}", ingress.At, ingress.At, data);
        }

        foreach (var phase in ephemeris.Phases(from, until))
        {
            var data = new { Phase = JsonNamingPolicy.SnakeCaseLower.ConvertName(phase.Phase.ToString()), At = WebhookPayloads.Instant(phase.At) };
            yield return (WebhookEvents.MoonPhase, $"{WebhookEvents.MoonPhase}:{phase.At.UtcTicks}", phase.At, phase.At, data);
        }
    }
}
