using LunarVoc.Infrastructure.Persistence;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// The delivery loop's side of the store. A message is claimed by one instance at a time (FOR UPDATE
/// SKIP LOCKED, then a lease): with several instances each due message is sent by one of them, and a
/// lease left by an instance that died runs out, so another sends it.
/// </summary>
internal sealed partial class WebhookStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages for one attempt each. A first attempt more than
    /// <paramref name="lateLimit"/> past its instant (no instance ran then) is cancelled instead.
    /// </summary>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, TimeSpan lateLimit, int limit) =>
        calls.RunAsync<IReadOnlyList<ClaimedMessage>>(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                "UPDATE webhook_messages SET state = 'cancelled' WHERE state = 'pending' AND attempts = 0 AND due_at < @Oldest",
                new { Oldest = (now - lateLimit).ToUniversalTime() });
            var rows = await connection.QueryAsync<ClaimedMessage>(
                """
                UPDATE webhook_messages m
                   SET locked_until = @Until, attempts = m.attempts + 1
                  FROM (SELECT id FROM webhook_messages
                         WHERE state = 'pending' AND due_at <= @Now AND (locked_until IS NULL OR locked_until < @Now)
                         ORDER BY due_at
                         LIMIT @Limit
                           FOR UPDATE SKIP LOCKED) due,
                       webhook_subscriptions s
                 WHERE m.id = due.id AND s.id = m.subscription_id
                RETURNING m.id, m.message_id, m.event_type, m.payload, m.occurs_at, m.attempts,
                          s.id AS subscription_id, s.url, s.active, s.secret,
                          CASE WHEN s.previous_secret_until > @Now THEN s.previous_secret END AS previous_secret,
                          s.failing_since
                """,
                new { Now = now.ToUniversalTime(), Until = (now + lease).ToUniversalTime(), Limit = limit });
            return rows.ToList();
        }, CancellationToken.None);

    /// <summary>How many pending messages are due (claimed ones included).</summary>
    public Task<long> CountDueAsync(DateTimeOffset now) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_messages WHERE state = 'pending' AND due_at <= @Now", new { Now = now.ToUniversalTime() });
        }, CancellationToken.None);

    /// <summary>When the next pending message is due (null: none).</summary>
    public Task<DateTimeOffset?> NextDueAsync() =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var next = await connection.ExecuteScalarAsync<DateTime?>("SELECT min(due_at) FROM webhook_messages WHERE state = 'pending'");
            return next is { } due ? Utc.Of(due) : (DateTimeOffset?)null;
        }, CancellationToken.None);

    /// <summary>Records an attempt and what follows from it, in one transaction.</summary>
    public Task RecordAsync(ClaimedMessage message, AttemptOutcome outcome) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                """
                UPDATE webhook_messages
                   SET state = @State, due_at = coalesce(@NextTry, due_at), locked_until = NULL
                 WHERE id = @Id
                """,
                new { message.Id, outcome.State, NextTry = outcome.NextTry?.ToUniversalTime() },
                transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO webhook_attempts (message, attempt, at, status_code, duration_ms, error, next_try)
                VALUES (@Id, @Attempt, @At, @StatusCode, @DurationMs, @Error, @NextTry)
                """,
                new { message.Id, Attempt = message.Attempts, At = outcome.At.ToUniversalTime(), outcome.StatusCode, outcome.DurationMs, outcome.Error, NextTry = outcome.NextTry?.ToUniversalTime() },
                transaction);
            await connection.ExecuteAsync(
                """
                UPDATE webhook_subscriptions
                   SET failing_since = CASE WHEN @Delivered THEN NULL ELSE coalesce(failing_since, @At) END,
                       active = active AND @Disable IS NULL,
                       disabled_reason = coalesce(@Disable, disabled_reason)
                 WHERE id = @SubscriptionId
                """,
                new { message.SubscriptionId, Delivered = outcome.State == "delivered", At = outcome.At.ToUniversalTime(), Disable = outcome.DisableReason },
                transaction);
            if (outcome.DisableReason is not null)
            {
                await connection.ExecuteAsync(
                    "UPDATE webhook_messages SET state = 'cancelled' WHERE subscription_id = @SubscriptionId AND state = 'pending'",
                    new { message.SubscriptionId },
                    transaction);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return true;
        }, CancellationToken.None);
}

/// <summary>A message claimed for one attempt, with where and how to send it.</summary>
internal sealed class ClaimedMessage
{
    public long Id { get; init; }

    public string MessageId { get; init; } = "";

    public string EventType { get; init; } = "";

    public string Payload { get; init; } = "";

    public DateTime OccursAt { get; init; }

    /// <summary>This attempt's number, from 1.</summary>
    public int Attempts { get; init; }

    public long SubscriptionId { get; init; }

    public string Url { get; init; } = "";

    public bool Active { get; init; }

    public string Secret { get; init; } = "";

    public string? PreviousSecret { get; init; }

    public DateTime? FailingSince { get; init; }
}

/// <summary>What an attempt came to: the message's next state, and the subscription's if it must be disabled.</summary>
internal sealed record AttemptOutcome(string State, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error, DateTimeOffset? NextTry, string? DisableReason);
