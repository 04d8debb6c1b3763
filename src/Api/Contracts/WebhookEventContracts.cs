namespace LunarVoc.Api.Contracts;

/// <summary>A void-of-course event: voc.upcoming, voc.started or voc.ended.</summary>
/// <param name="Type" example="voc.started">voc.upcoming (lead_minutes before the start), voc.started or voc.ended.</param>
/// <param name="Timestamp" example="2026-11-24T03:10:00Z">The event's instant (UTC); later than the delivery's webhook-timestamp only when it was sent late.</param>
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
