using System.Text.Json;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.VocWindows;

using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Application.Webhooks.ScheduleEvents;

/// <summary>
/// Queues the time-based events of the next 48 hours for every active subscription that asked for
/// them, due at their instants: the void-of-course events (upcoming, started, ended) of the stored
/// windows — those /status shows, posted ones included, however many — and the Moon's ingresses and
/// principal phases from the ephemeris. Cancels only the messages whose window is gone (removed or
/// replaced); nothing else a run does not list is touched, so a message keeps its retries to the end.
/// Run at start-up, after every change of the stored windows or the subscriptions, and hourly as events
/// enter the horizon; running it again queues only what is missing. Only coming events are queued: one
/// whose instant passed before it was known (a window posted after its start, a lead longer than the
/// time left) is never sent, and none predates its subscription. A message queued before its instant
/// is still sent if no instance ran then, up to <see cref="WebhookOptions.LateLimit"/> late.
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
    TimeProvider timeProvider) : ICommandHandler<ScheduleWebhookEventsCommand, int>
{
    // Windows are read a page at a time and messages written a chunk at a time, so a run's memory is
    // bounded however many windows and subscriptions there are.
    private const int WindowsPerPage = 50;
    private const int MessagesPerWrite = 5_000;

    public async ValueTask<int> Handle(ScheduleWebhookEventsCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var due = new DueRange(now, now + ScheduleWebhookEventsCommand.Horizon);
        await store.CancelForRemovedWindowsAsync(cancellationToken);
        var subscriptions = await store.ListSubscribedAsync(ScheduleWebhookEventsCommand.Types, cancellationToken);
        var queued = await QueueAsync(MoonMessages(subscriptions, due), cancellationToken);
        // A window matters while one of its events can fall in the range: an upcoming one starts up to the longest lead after it.
        var until = due.Until + TimeSpan.FromMinutes(WebhookEvents.MaxLeadMinutes);
        for (DateTimeOffset? after = null; ;)
        {
            var page = await windows.ListAsync(due.From, until, after, WindowsPerPage, cancellationToken);
            queued += await QueueAsync(page.SelectMany(window => VoidMessages(window, subscriptions, due)), cancellationToken);
            if (page.Length < WindowsPerPage)
            {
                break;
            }

            after = page[^1].StartAt;
        }

        if (queued > 0)
        {
            deliveries.Due(now);
        }

        return queued;
    }

    private async Task<int> QueueAsync(IEnumerable<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var chunk in messages.Chunk(MessagesPerWrite))
        {
            await store.EnqueueAsync(chunk, cancellationToken);
            queued += chunk.Length;
        }

        return queued;
    }

    /// <summary>The void events of one window for each subscription that asked for them; one body per event, shared by its messages.</summary>
    private static IEnumerable<WebhookMessage> VoidMessages(VocWindow window, ImmutableArray<Webhook> subscriptions, DueRange due)
    {
        var data = new { Window = WebhookPayloads.Window(window) };
        var bodies = new Dictionary<(string Type, DateTimeOffset At), string>(); // started, ended, and one upcoming per lead asked for
        foreach (var subscription in subscriptions)
        {
            foreach (var type in subscription.Events)
            {
                if (VoidInstant(type, window, subscription.LeadMinutes) is not { } at || !due.Covers(at, subscription))
                {
                    continue;
                }

                if (!bodies.TryGetValue((type, at), out var body))
                {
                    bodies[(type, at)] = body = WebhookPayloads.Of(type, at, data);
                }

                yield return new WebhookMessage(subscription.Id, $"{type}:{window.Id}:{window.StartAt.UtcTicks}:{window.EndAt.UtcTicks}", type, at, at, body, window.Id);
            }
        }
    }

    private static DateTimeOffset? VoidInstant(string type, VocWindow window, int? leadMinutes) => type switch
    {
        WebhookEvents.VocStarted => window.StartAt,
        WebhookEvents.VocEnded => window.EndAt,
        WebhookEvents.VocUpcoming when leadMinutes is { } lead => window.StartAt - TimeSpan.FromMinutes(lead),
        _ => null,
    };

    /// <summary>The Moon's ingresses and principal phases in the range, for each subscription that asked for them (worked out once for all).</summary>
    private IEnumerable<WebhookMessage> MoonMessages(ImmutableArray<Webhook> subscriptions, DueRange due)
    {
        var moonward = subscriptions.Where(s => s.Events.Contains(WebhookEvents.MoonIngress) || s.Events.Contains(WebhookEvents.MoonPhase)).ToList();
        if (moonward.Count == 0)
        {
            yield break;
        }

        foreach (var (type, at, data) in MoonEvents(due))
        {
            var body = WebhookPayloads.Of(type, at, data);
            foreach (var subscription in moonward.Where(s => s.Events.Contains(type) && due.Covers(at, s)))
            {
                yield return new WebhookMessage(subscription.Id, $"{type}:{at.UtcTicks}", type, at, at, body);
            }
        }
    }

    private IEnumerable<(string Type, DateTimeOffset At, object Data)> MoonEvents(DueRange due)
    {
        for (var ingress = ephemeris.NextIngress(due.From); ingress.At < due.Until; ingress = ephemeris.NextIngress(ingress.At))
        {
            yield return (WebhookEvents.MoonIngress, ingress.At, new { Sign = ingress.Sign.ToString(), At = WebhookPayloads.Instant(ingress.At) });
        }

        foreach (var phase in ephemeris.Phases(due.From, due.Until))
        {
            yield return (WebhookEvents.MoonPhase, phase.At, new { Phase = JsonNamingPolicy.SnakeCaseLower.ConvertName(phase.Phase.ToString()), At = WebhookPayloads.Instant(phase.At) });
        }
    }

    /// <summary>The instants a run queues: from now to the horizon, and none before a subscription was made.</summary>
    private readonly record struct DueRange(DateTimeOffset From, DateTimeOffset Until)
    {
        public bool Covers(DateTimeOffset at, Webhook subscription) => at >= From && at <= Until && at >= subscription.CreatedAt;
    }
}
