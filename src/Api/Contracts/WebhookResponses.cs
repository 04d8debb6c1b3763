using LunarVoc.Application.Webhooks;

namespace LunarVoc.Api.Contracts;

/// <summary>A webhook subscription to create.</summary>
/// <param name="Url" example="https://example.com/hooks/lunarvoc">Where to POST the events: http or https, a public address, at most 2,048 characters.</param>
/// <param name="Events" example="[&quot;voc.started&quot;, &quot;voc.ended&quot;]">The events to send: voc.started, voc.ended, voc.upcoming, moon.ingress, moon.phase, windows.changed.</param>
/// <param name="LeadMinutes" example="30">For voc.upcoming: how many minutes before a void starts, 1 to 1,440 (default 60); ignored without voc.upcoming.</param>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events, int? LeadMinutes = null);

/// <summary>A webhook subscription (its secret is shown only when it is created or rotated).</summary>
/// <param name="Id" example="7">The subscription's id.</param>
/// <param name="Url" example="https://example.com/hooks/lunarvoc">Where the events are POSTed.</param>
/// <param name="Events" example="[&quot;voc.started&quot;]">The events sent to it.</param>
/// <param name="LeadMinutes" example="30">For voc.upcoming: how many minutes before a void starts; null when voc.upcoming is not asked for.</param>
/// <param name="Active" example="true">False once disabled (410 Gone, or every delivery failing for days); disabled_reason says why.</param>
/// <param name="DisabledReason" example="the receiver answered 410 Gone">Why it was disabled; null while active.</param>
/// <param name="CreatedAt" example="2026-11-24T12:00:00Z">When it was created (UTC).</param>
public sealed record WebhookResponse(long Id, string Url, IReadOnlyList<string> Events, int? LeadMinutes, bool Active, string? DisabledReason, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(Webhook webhook) =>
        new(webhook.Id, webhook.Url, webhook.Events, webhook.LeadMinutes, webhook.Active, webhook.DisabledReason, webhook.CreatedAt);
}

/// <summary>A subscription just created, with the secret its deliveries are signed with — shown only in this answer.</summary>
/// <param name="Id" example="7">The subscription's id.</param>
/// <param name="Url" example="https://example.com/hooks/lunarvoc">Where the events are POSTed.</param>
/// <param name="Events" example="[&quot;voc.started&quot;]">The events sent to it.</param>
/// <param name="LeadMinutes" example="30">For voc.upcoming: how many minutes before a void starts; null when not asked for.</param>
/// <param name="Active" example="true">True: it is delivered to.</param>
/// <param name="CreatedAt" example="2026-11-24T12:00:00Z">When it was created (UTC).</param>
/// <param name="Secret" example="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw">The Standard Webhooks signing secret ("whsec_" and base64). Keep it: it is not shown again.</param>
public sealed record WebhookCreatedResponse(long Id, string Url, IReadOnlyList<string> Events, int? LeadMinutes, bool Active, DateTimeOffset CreatedAt, string Secret)
{
    public static WebhookCreatedResponse From(WebhookWithSecrets created) => new(
        created.Webhook.Id, created.Webhook.Url, created.Webhook.Events, created.Webhook.LeadMinutes, created.Webhook.Active, created.Webhook.CreatedAt, created.Secret);
}

/// <summary>A new signing secret; the previous one keeps signing beside it until previous_secret_valid_until.</summary>
/// <param name="Id" example="7">The subscription's id.</param>
/// <param name="Secret" example="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw">The new secret, shown only in this answer.</param>
/// <param name="PreviousSecretValidUntil" example="2026-11-25T12:00:00Z">Until when deliveries also carry a signature by the old secret (UTC).</param>
public sealed record WebhookSecretResponse(long Id, string Secret, DateTimeOffset PreviousSecretValidUntil);

/// <summary>A test message queued for delivery.</summary>
/// <param name="MessageId" example="msg_5d0c5f3e9a1b4c2d8e7f6a5b4c3d2e1f">Its webhook-id.</param>
public sealed record WebhookTestResponse(string MessageId);

/// <summary>One delivery attempt.</summary>
/// <param name="Event" example="voc.started">The event sent.</param>
/// <param name="MessageId" example="msg_5d0c5f3e9a1b4c2d8e7f6a5b4c3d2e1f">Its webhook-id (the same on every attempt of one message).</param>
/// <param name="Attempt" example="1">The attempt's number, from 1.</param>
/// <param name="At" example="2026-11-24T12:00:00Z">When it ended (UTC).</param>
/// <param name="StatusCode" example="200">The receiver's status; null when it did not answer.</param>
/// <param name="DurationMs" example="42">How long it took.</param>
/// <param name="Error" example="answered 500">Why it failed; null when it did not.</param>
/// <param name="NextTry" example="2026-11-24T12:00:05Z">When it is tried again; null when it is not.</param>
public sealed record WebhookDeliveryResponse(string Event, string MessageId, int Attempt, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error, DateTimeOffset? NextTry)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery) =>
        new(delivery.EventType, delivery.MessageId, delivery.Attempt, delivery.At, delivery.StatusCode, delivery.DurationMilliseconds, delivery.Error, delivery.NextTry);
}
