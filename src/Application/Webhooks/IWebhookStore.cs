namespace LunarVoc.Application.Webhooks;

/// <summary>The subscriptions and their messages, kept where every instance sees them.</summary>
public interface IWebhookStore
{
    /// <summary>Stores a subscription unless its owner has <paramref name="maxPerOwner"/> already (then null).</summary>
    Task<Webhook?> CreateAsync(string owner, string url, IReadOnlyList<string> events, int? leadMinutes, string secret, DateTimeOffset at, int maxPerOwner, CancellationToken cancellationToken);

    Task<ImmutableArray<Webhook>> ListAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The owner's subscription, or null when there is none with that id or it is another owner's.</summary>
    Task<Webhook?> GetAsync(string owner, long id, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>Replaces the secret; the old one keeps signing beside it until <paramref name="previousUntil"/>. Null when not the owner's.</summary>
    Task<Webhook?> RotateSecretAsync(string owner, long id, string secret, DateTimeOffset previousUntil, CancellationToken cancellationToken);

    /// <summary>Makes a disabled subscription active again, its reason and failures forgotten. Null when not the owner's.</summary>
    Task<Webhook?> EnableAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>
    /// Queues messages, one per subscription and event key: a message already queued is kept as it is,
    /// except a cancelled one, which is due again (its event exists and its subscription is active again).
    /// </summary>
    Task EnqueueAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken);

    /// <summary>The messages waiting for a subscription (pending), counted up to <paramref name="atMost"/>.</summary>
    Task<int> CountWaitingAsync(long subscriptionId, int atMost, CancellationToken cancellationToken);

    Task<ImmutableArray<WebhookDelivery>> ListDeliveriesAsync(string owner, long id, int limit, CancellationToken cancellationToken);

    /// <summary>The active subscriptions that asked for any of <paramref name="events"/>.</summary>
    Task<ImmutableArray<Webhook>> ListSubscribedAsync(IReadOnlyList<string> events, CancellationToken cancellationToken);

    /// <summary>Cancels the pending messages whose window is no longer stored (removed, or replaced by another).</summary>
    Task CancelForRemovedWindowsAsync(CancellationToken cancellationToken);
}
