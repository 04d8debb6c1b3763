namespace LunarVoc.Application.Webhooks.ManageWebhooks;

/// <summary>The caller's own subscriptions (never another key's).</summary>
public sealed record ListWebhooksQuery(string Owner) : IQuery<ImmutableArray<Webhook>>;

/// <summary>One of the caller's subscriptions; null for an id that is not the caller's.</summary>
public sealed record GetWebhookQuery(string Owner, long Id) : IQuery<Webhook?>;

/// <summary>The latest delivery attempts of one of the caller's subscriptions; null for an id that is not the caller's.</summary>
public sealed record ListWebhookDeliveriesQuery(string Owner, long Id, int Limit = ListWebhookDeliveriesQuery.DefaultLimit) : IQuery<ImmutableArray<WebhookDelivery>?>
{
    public const int DefaultLimit = 50;
}

public sealed class WebhookQueryHandlers(IWebhookStore store)
    : IQueryHandler<ListWebhooksQuery, ImmutableArray<Webhook>>,
      IQueryHandler<GetWebhookQuery, Webhook?>,
      IQueryHandler<ListWebhookDeliveriesQuery, ImmutableArray<WebhookDelivery>?>
{
    public async ValueTask<ImmutableArray<Webhook>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        await store.ListAsync(query.Owner, cancellationToken);

    public async ValueTask<Webhook?> Handle(GetWebhookQuery query, CancellationToken cancellationToken) =>
        await store.GetAsync(query.Owner, query.Id, cancellationToken);

    public async ValueTask<ImmutableArray<WebhookDelivery>?> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken) =>
        await store.GetAsync(query.Owner, query.Id, cancellationToken) is null
            ? null
            : await store.ListDeliveriesAsync(query.Owner, query.Id, query.Limit, cancellationToken);
}
