using System.Security.Cryptography;

namespace LunarVoc.Application.Webhooks;

/// <summary>A subscription as stored: whose it is, where to, for which events, and whether it is still sent to.</summary>
public sealed record Webhook(
    long Id,
    string Owner,
    string Url,
    ImmutableArray<string> Events,
    int? LeadMinutes,
    bool Active,
    string? DisabledReason,
    DateTimeOffset CreatedAt);

/// <summary>A subscription with its signing secrets: only the delivery and the answers to create and rotate see them.</summary>
public sealed record WebhookWithSecrets(Webhook Webhook, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretUntil);

/// <summary>One delivery attempt, as the owner may read it.</summary>
public sealed record WebhookDelivery(
    string EventType,
    string MessageId,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    int DurationMilliseconds,
    string? Error,
    DateTimeOffset? NextTry);

/// <summary>A message to deliver: the event, its instant, its body, when it is due, and the window it belongs to (void-of-course events only).</summary>
public sealed record WebhookMessage(long SubscriptionId, string EventKey, string EventType, DateTimeOffset OccursAt, DateTimeOffset DueAt, string Payload, long? WindowId = null)
{
    /// <summary>A Standard Webhooks message id, kept by every attempt so receivers can drop duplicates.</summary>
    public string MessageId { get; init; } = $"msg_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}

public static class WebhookSecrets
{
    /// <summary>A Standard Webhooks secret: "whsec_" and 32 random bytes in base64.</summary>
    public static string New() => $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";
}
