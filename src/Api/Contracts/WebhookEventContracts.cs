namespace LunarVoc.Api.Contracts;

/// <summary>A void-of-course event: voc.upcoming, voc.started or voc.ended.</summary>
/// <param name="Type" example="voc.started">voc.upcoming (lead_minutes before the start), voc.started or voc.ended.</param>
/// <param name="Timestamp" example="2026-11-24T03:10:00Z">The event's instant (UTC); earlier than the delivery's webhook-timestamp when it was sent late (no instance ran at its instant).</param>
/// <param name="Data">The window, as the REST answers write it.</param>
public sealed record VocWindowEvent(string Type, DateTimeOffset Timestamp, VocWindowEventData Data);

/// <summary>What a void-of-course event carries.</summary>
/// <param name="Window">The window, as GET /api/lunar/voc/{id} answers it (without local times).</param>
public sealed record VocWindowEventData(VocWindowResponse Window);

/// <summary>The event POST /api/lunar/webhooks/{id}/test sends.</summary>
/// <param name="Type" example="webhook.test">Always webhook.test.</param>
/// <param name="Timestamp" example="2026-11-24T12:00:00Z">When it was asked for (UTC).</param>
/// <param name="Data">Which subscription it tests.</param>
public sealed record WebhookTestEvent(string Type, DateTimeOffset Timestamp, WebhookTestEventData Data);

/// <summary>What a test event carries.</summary>
/// <param name="SubscriptionId" example="7">The subscription's id.</param>
/// <param name="Url" example="https://example.com/hooks/lunarvoc">Its URL.</param>
public sealed record WebhookTestEventData(long SubscriptionId, string Url);

/// <summary>The Moon enters a sign.</summary>
/// <param name="Type" example="moon.ingress">Always moon.ingress.</param>
/// <param name="Timestamp" example="2026-11-24T19:42:00Z">The ingress's instant (UTC).</param>
/// <param name="Data">The sign entered and when.</param>
public sealed record MoonIngressEvent(string Type, DateTimeOffset Timestamp, MoonIngressResponse Data);

/// <summary>A principal phase of the Moon: new, first quarter, full or last quarter.</summary>
/// <param name="Type" example="moon.phase">Always moon.phase.</param>
/// <param name="Timestamp" example="2026-11-24T14:53:00Z">The phase's exact instant (UTC).</param>
/// <param name="Data">The phase and when.</param>
public sealed record MoonPhaseEvent(string Type, DateTimeOffset Timestamp, MoonPhaseResponse Data);

/// <summary>The stored windows changed: a save, the pre-fetch of computed windows, or a provider's invalidation.</summary>
/// <param name="Type" example="windows.changed">Always windows.changed.</param>
/// <param name="Timestamp" example="2026-11-24T12:00:00Z">When the change was made (UTC).</param>
/// <param name="Data">What changed.</param>
public sealed record WindowsChangedEvent(string Type, DateTimeOffset Timestamp, WindowsChangedEventData Data);

/// <summary>What a windows.changed event carries: the windows as GET /api/lunar/voc/{id} answers them (without local times).</summary>
/// <param name="Cause" example="saved">saved (POST /api/lunar/voc), computed (the pre-fetch of computed windows) or invalidated (a provider changed its windows outside the service and said so through POST /api/lunar/voc/cache/invalidate: which ones is not known, the lists are empty; read /api/lunar/voc/windows again).</param>
/// <param name="Created">Windows stored by this change.</param>
/// <param name="Updated">Windows whose source or details this change rewrote.</param>
/// <param name="Removed">Windows this change deleted (replaced by an overlapping one).</param>
public sealed record WindowsChangedEventData(WindowChangeCause Cause, IReadOnlyList<VocWindowResponse> Created, IReadOnlyList<VocWindowResponse> Updated, IReadOnlyList<VocWindowResponse> Removed);

/// <summary>What made a windows.changed event.</summary>
public enum WindowChangeCause
{
    Saved,
    Computed,
    Invalidated,
}
