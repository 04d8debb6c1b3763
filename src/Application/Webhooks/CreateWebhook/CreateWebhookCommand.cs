namespace LunarVoc.Application.Webhooks.CreateWebhook;

/// <summary>A subscription for an API key.</summary>
/// <param name="Owner">The id of the key that makes it (never the key itself).</param>
/// <param name="Url" example="https://example.com/hooks/lunarvoc">Where to POST the events: http or https, a public address, at most 2,048 characters.</param>
/// <param name="Events" example="[&quot;voc.started&quot;, &quot;voc.ended&quot;]">The events to send: voc.started, voc.ended, voc.upcoming, moon.ingress, moon.phase, windows.changed.</param>
/// <param name="LeadMinutes" example="30">For voc.upcoming: how long before a void starts, 1 to 1,440 minutes (default 60).</param>
public sealed record CreateWebhookCommand(string Owner, string Url, IReadOnlyList<string> Events, int? LeadMinutes = null)
    : ICommand<CreateWebhookResult>, IValidated;

/// <summary>The subscription with its secret, shown this once; or null when the key holds as many subscriptions as it may.</summary>
public sealed record CreateWebhookResult(WebhookWithSecrets? Created);

public sealed class CreateWebhookCommandHandler(IWebhookStore store, WebhookSubscriptionChanges subscriptions, TimeProvider timeProvider, IOptions<WebhookOptions> options)
    : ICommandHandler<CreateWebhookCommand, CreateWebhookResult>
{
    public async ValueTask<CreateWebhookResult> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.New();
        // The lead applies to voc.upcoming only: without it, none is kept (and the answer says null).
        var leadMinutes = command.Events.Contains(Domain.Webhooks.WebhookEvents.VocUpcoming) ? command.LeadMinutes ?? 60 : (int?)null;
        var events = command.Events.Distinct(StringComparer.Ordinal).ToArray();
        var created = await store.CreateAsync(command.Owner, command.Url, events, leadMinutes, secret, timeProvider.GetUtcNow(), options.Value.MaxPerKey, cancellationToken);
        if (created is null)
        {
            return new CreateWebhookResult(null);
        }

        subscriptions.Announce();
        return new CreateWebhookResult(new WebhookWithSecrets(created, secret, null, null));
    }
}
