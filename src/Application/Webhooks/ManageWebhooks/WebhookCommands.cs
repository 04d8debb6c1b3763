namespace LunarVoc.Application.Webhooks.ManageWebhooks;

/// <summary>Deletes one of the caller's subscriptions and what was still to be sent to it; false when it is not the caller's.</summary>
public sealed record DeleteWebhookCommand(string Owner, long Id) : ICommand<bool>;

/// <summary>Queues a webhook.test message to one of the caller's subscriptions, due now; null when it is not the caller's.</summary>
public sealed record TestWebhookCommand(string Owner, long Id) : ICommand<TestWebhookResult?>;

/// <summary>The test message queued, or why none was: the subscription is disabled.</summary>
public sealed record TestWebhookResult(WebhookMessage? Message, string? Disabled, bool Backlogged = false);

/// <summary>A new secret for one of the caller's subscriptions; the old one keeps signing beside it for 24 h.</summary>
public sealed record RotateWebhookSecretCommand(string Owner, long Id) : ICommand<WebhookWithSecrets?>;

/// <summary>Delivers to a disabled subscription again (its reason cleared); null when it is not the caller's.</summary>
public sealed record EnableWebhookCommand(string Owner, long Id) : ICommand<Webhook?>;

public sealed class WebhookCommandHandlers(IWebhookStore store, IWebhookDeliveries deliveries, WebhookSubscriptionChanges subscriptions, TimeProvider timeProvider)
    : ICommandHandler<DeleteWebhookCommand, bool>,
      ICommandHandler<EnableWebhookCommand, Webhook?>,
      ICommandHandler<TestWebhookCommand, TestWebhookResult?>,
      ICommandHandler<RotateWebhookSecretCommand, WebhookWithSecrets?>
{
    public static readonly TimeSpan PreviousSecretLifetime = TimeSpan.FromHours(24);

    public async ValueTask<bool> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await store.DeleteAsync(command.Owner, command.Id, cancellationToken);

    public async ValueTask<Webhook?> Handle(EnableWebhookCommand command, CancellationToken cancellationToken)
    {
        var webhook = await store.EnableAsync(command.Owner, command.Id, cancellationToken);
        if (webhook is not null)
        {
            subscriptions.Announce(); // its time-based events of the next 48 hours are queued again
        }

        return webhook;
    }

    public async ValueTask<TestWebhookResult?> Handle(TestWebhookCommand command, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(command.Owner, command.Id, cancellationToken) is not { } webhook)
        {
            return null;
        }

        if (!webhook.Active)
        {
            return new TestWebhookResult(null, webhook.DisabledReason ?? "disabled");
        }

        if (await store.CountWaitingAsync(webhook.Id, WebhookOptions.MaxWaitingPerSubscription, cancellationToken) >= WebhookOptions.MaxWaitingPerSubscription)
        {
            return new TestWebhookResult(null, null, Backlogged: true);
        }

        var now = timeProvider.GetUtcNow();
        var payload = WebhookPayloads.Of(Domain.Webhooks.WebhookEvents.Test, now, new { SubscriptionId = webhook.Id, webhook.Url });
        var message = new WebhookMessage(webhook.Id, $"test:{Guid.NewGuid():N}", Domain.Webhooks.WebhookEvents.Test, now, now, payload);
        await store.EnqueueAsync([message], cancellationToken);
        deliveries.Due(now);
        return new TestWebhookResult(message, null);
    }

    public async ValueTask<WebhookWithSecrets?> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.New();
        var previousUntil = timeProvider.GetUtcNow() + PreviousSecretLifetime;
        var webhook = await store.RotateSecretAsync(command.Owner, command.Id, secret, previousUntil, cancellationToken);
        return webhook is null ? null : new WebhookWithSecrets(webhook, secret, null, previousUntil);
    }
}

