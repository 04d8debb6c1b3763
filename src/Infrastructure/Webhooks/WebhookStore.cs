using LunarVoc.Application.Webhooks;
using LunarVoc.Infrastructure.Persistence;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>Subscriptions, messages and attempts on PostgreSQL; the delivery loop's claims in <c>WebhookStore.Delivery.cs</c>.</summary>
internal sealed partial class WebhookStore(NpgsqlDataSource dataSource, DatabaseCalls calls) : IWebhookStore
{
    private const string Columns = "id, owner, url, events, lead_minutes, active, disabled_reason, created_at";

    public Task<Webhook?> CreateAsync(string owner, string url, IReadOnlyList<string> events, int? leadMinutes, string secret, DateTimeOffset at, int maxPerOwner, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            // One owner's creations take turns, so the bound holds however many arrive at once.
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || @Owner, 0))", new { Owner = owner }, transaction);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(
                $"""
                INSERT INTO webhook_subscriptions (owner, url, events, lead_minutes, secret, created_at)
                SELECT @Owner, @Url, @Events, @LeadMinutes, @Secret, @At
                 WHERE (SELECT count(*) FROM webhook_subscriptions WHERE owner = @Owner) < @Max
                RETURNING {Columns}
                """,
                new { Owner = owner, Url = url, Events = events.ToArray(), LeadMinutes = leadMinutes, Secret = secret, At = at.ToUniversalTime(), Max = maxPerOwner },
                transaction);
            await transaction.CommitAsync(CancellationToken.None);
            return row?.ToWebhook();
        }, cancellationToken);

    public Task<ImmutableArray<Webhook>> ListAsync(string owner, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var rows = await connection.QueryAsync<Row>($"SELECT {Columns} FROM webhook_subscriptions WHERE owner = @Owner ORDER BY id", new { Owner = owner });
            return rows.Select(row => row.ToWebhook()).ToImmutableArray();
        }, cancellationToken);

    public Task<Webhook?> GetAsync(string owner, long id, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var row = await connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM webhook_subscriptions WHERE owner = @Owner AND id = @Id", new { Owner = owner, Id = id });
            return row?.ToWebhook();
        }, cancellationToken);

    public Task<bool> DeleteAsync(string owner, long id, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteAsync("DELETE FROM webhook_subscriptions WHERE owner = @Owner AND id = @Id", new { Owner = owner, Id = id }) == 1;
        }, cancellationToken);

    public Task<Webhook?> RotateSecretAsync(string owner, long id, string secret, DateTimeOffset previousUntil, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(
                $"""
                UPDATE webhook_subscriptions
                   SET previous_secret = secret, previous_secret_until = @Until, secret = @Secret
                 WHERE owner = @Owner AND id = @Id
                RETURNING {Columns}
                """,
                new { Owner = owner, Id = id, Secret = secret, Until = previousUntil.ToUniversalTime() });
            return row?.ToWebhook();
        }, cancellationToken);

    public Task<Webhook?> EnableAsync(string owner, long id, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(
                $"""
                UPDATE webhook_subscriptions
                   SET active = true, disabled_reason = NULL, failing_since = NULL
                 WHERE owner = @Owner AND id = @Id
                RETURNING {Columns}
                """,
                new { Owner = owner, Id = id });
            return row?.ToWebhook();
        }, cancellationToken);

    /// <summary>
    /// One statement per few thousand messages (arrays unnested), so queuing an event for every subscriber
    /// stays one round trip or a few. A message cancelled before (its subscription was disabled) is due
    /// again under its own id; one in any other state is left as it is.
    /// </summary>
    public Task EnqueueAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            foreach (var chunk in messages.Chunk(5_000))
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO webhook_messages AS m (subscription_id, message_id, event_key, event_type, payload, occurs_at, due_at, window_id)
                    SELECT * FROM unnest(@SubscriptionIds, @MessageIds, @Keys, @Types, @Payloads, @OccursAt, @DueAt, @WindowIds)
                    ON CONFLICT (subscription_id, event_key) DO UPDATE
                       SET state = 'pending', due_at = EXCLUDED.due_at, locked_until = NULL
                     WHERE m.state = 'cancelled'
                    """,
                    new
                    {
                        SubscriptionIds = chunk.Select(m => m.SubscriptionId).ToArray(),
                        MessageIds = chunk.Select(m => m.MessageId).ToArray(),
                        Keys = chunk.Select(m => m.EventKey).ToArray(),
                        Types = chunk.Select(m => m.EventType).ToArray(),
                        Payloads = chunk.Select(m => m.Payload).ToArray(),
                        OccursAt = chunk.Select(m => m.OccursAt.UtcDateTime).ToArray(),
                        DueAt = chunk.Select(m => m.DueAt.UtcDateTime).ToArray(),
                        WindowIds = chunk.Select(m => m.WindowId).ToArray(),
                    });
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Inside another write's transaction: one message of an event that happens now for every active
    /// subscription that asked for it and is not backlogged (<see cref="WebhookOptions.MaxWaitingPerSubscription"/>;
    /// one statement, however many subscribers), queued only if that write commits. The message ids are
    /// made here, in the same form as <see cref="WebhookMessage.MessageId"/>.
    /// </summary>
    public static async Task EnqueueForSubscribersInAsync(NpgsqlTransaction transaction, string eventType, string payload, DateTimeOffset at, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO webhook_messages (subscription_id, message_id, event_key, event_type, payload, occurs_at, due_at)
            SELECT id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), @Key, @Type, @Payload, @At, @At
              FROM webhook_subscriptions s
             WHERE active AND @Type = ANY(events)
               AND (SELECT count(*) FROM ({Waiting("s.id", "@AtMost")}) w) < @AtMost
            """,
            new { Key = $"{eventType}:{Guid.NewGuid():N}", Type = eventType, Payload = payload, At = at.UtcDateTime, AtMost = WebhookOptions.MaxWaitingPerSubscription },
            transaction,
            cancellationToken: cancellationToken));

    public Task<int> CountWaitingAsync(long subscriptionId, int atMost, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<int>(
                $"SELECT count(*) FROM ({Waiting("@Id", "@AtMost")}) w", new { Id = subscriptionId, AtMost = atMost });
        }, cancellationToken);

    /// <summary>A subscription's pending messages, at most so many: what bounds the count.</summary>
    private static string Waiting(string subscription, string atMost) =>
        $"SELECT 1 FROM webhook_messages w WHERE w.subscription_id = {subscription} AND w.state = 'pending' LIMIT {atMost}";

    public Task<ImmutableArray<WebhookDelivery>> ListDeliveriesAsync(string owner, long id, int limit, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var rows = await connection.QueryAsync<DeliveryRow>(
                """
                SELECT m.event_type, m.message_id, a.attempt, a.at, a.status_code, a.duration_ms, a.error, a.next_try
                  FROM webhook_attempts a
                  JOIN webhook_messages m ON m.id = a.message
                  JOIN webhook_subscriptions s ON s.id = m.subscription_id
                 WHERE s.owner = @Owner AND s.id = @Id
                 ORDER BY a.id DESC
                 LIMIT @Limit
                """,
                new { Owner = owner, Id = id, Limit = limit });
            return rows.Select(row => row.ToDelivery()).ToImmutableArray();
        }, cancellationToken);

    public Task<ImmutableArray<Webhook>> ListSubscribedAsync(IReadOnlyList<string> events, CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var rows = await connection.QueryAsync<Row>($"SELECT {Columns} FROM webhook_subscriptions WHERE active AND events && @Events ORDER BY id", new { Events = events.ToArray() });
            return rows.Select(row => row.ToWebhook()).ToImmutableArray();
        }, cancellationToken);

    public Task CancelForRemovedWindowsAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteAsync(
                """
                UPDATE webhook_messages m SET state = 'cancelled', locked_until = NULL
                 WHERE m.state = 'pending' AND m.window_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM voc_windows w WHERE w.id = m.window_id)
                """);
        }, cancellationToken);

    private sealed class Row
    {
        public long Id { get; init; }

        public string Owner { get; init; } = "";

        public string Url { get; init; } = "";

        public string[] Events { get; init; } = [];

        public int? LeadMinutes { get; init; }

        public bool Active { get; init; }

        public string? DisabledReason { get; init; }

        public DateTime CreatedAt { get; init; }

        public Webhook ToWebhook() => new(Id, Owner, Url, [.. Events], LeadMinutes, Active, DisabledReason, Utc.Of(CreatedAt));
    }

    private sealed class DeliveryRow
    {
        public string EventType { get; init; } = "";

        public string MessageId { get; init; } = "";

        public int Attempt { get; init; }

        public DateTime At { get; init; }

        public int? StatusCode { get; init; }

        public int DurationMs { get; init; }

        public string? Error { get; init; }

        public DateTime? NextTry { get; init; }

        public WebhookDelivery ToDelivery() => new(EventType, MessageId, Attempt, Utc.Of(At), StatusCode, DurationMs, Error, NextTry is { } next ? Utc.Of(next) : null);
    }
}
