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
    /// Claims up to <paramref name="limit"/> due messages for one attempt each, none of <paramref name="mine"/>
    /// (the caller's own, still in flight). Fairly: no subscription has more than <paramref name="perSubscription"/>
    /// attempts in flight (on all instances), and each subscription's next message goes before any one's
    /// second, so receivers that hang hold a few slots each and never delay the others' turns. A first
    /// attempt that fell due while no delivery loop ran (after the last heartbeat) and is now more than
    /// <paramref name="lateLimit"/> past its instant is cancelled instead; one that waited for its turn never is.
    /// The attempt's number is counted when its outcome is recorded, so an attempt cut short by a crash
    /// costs none of the schedule.
    /// </summary>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, TimeSpan lateLimit, int limit, int perSubscription, long[] mine) =>
        calls.RunAsync<IReadOnlyList<ClaimedMessage>>(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                """
                UPDATE webhook_messages SET state = 'cancelled'
                 WHERE state = 'pending' AND attempts = 0 AND due_at < @Oldest
                   AND due_at > coalesce((SELECT at FROM webhook_delivery_heartbeat), '-infinity');
                INSERT INTO webhook_delivery_heartbeat AS h (at) VALUES (@Now)
                ON CONFLICT (singleton) DO UPDATE SET at = EXCLUDED.at
                 WHERE h.at < EXCLUDED.at - interval '10 seconds';
                """,
                new { Oldest = (now - lateLimit).ToUniversalTime(), Now = now.ToUniversalTime() });
            // The claimable conditions are stated again where the rows are locked: PostgreSQL checks them
            // there against the latest version of a row another instance claimed meanwhile.
            var rows = await connection.QueryAsync<ClaimedMessage>(
                """
                WITH in_flight AS (
                    SELECT subscription_id, count(*) AS attempts
                      FROM webhook_messages
                     WHERE state = 'pending' AND locked_until >= @Now
                     GROUP BY subscription_id),
                turns AS (
                    SELECT c.id, c.due_at,
                           coalesce(f.attempts, 0) + row_number() OVER (PARTITION BY c.subscription_id ORDER BY c.due_at, c.id) AS turn
                      FROM webhook_messages c
                      LEFT JOIN in_flight f USING (subscription_id)
                     WHERE c.state = 'pending' AND c.due_at <= @Now AND (c.locked_until IS NULL OR c.locked_until < @Now)
                       AND NOT (c.id = ANY(@Mine)))
                UPDATE webhook_messages m
                   SET locked_until = @Until
                  FROM (SELECT id FROM webhook_messages
                         WHERE id IN (SELECT id FROM turns WHERE turn <= @PerSubscription ORDER BY turn, due_at LIMIT @Limit)
                           AND state = 'pending' AND due_at <= @Now AND (locked_until IS NULL OR locked_until < @Now)
                           FOR UPDATE SKIP LOCKED) due,
                       webhook_subscriptions s
                 WHERE m.id = due.id AND s.id = m.subscription_id
                RETURNING m.id, m.message_id, m.event_type, m.payload, m.occurs_at, m.attempts + 1 AS attempts, m.locked_until,
                          s.id AS subscription_id, s.url, s.active, s.secret,
                          CASE WHEN s.previous_secret_until > @Now THEN s.previous_secret END AS previous_secret,
                          s.failing_since
                """,
                new { Now = now.ToUniversalTime(), Until = (now + lease).ToUniversalTime(), Limit = limit, PerSubscription = perSubscription, Mine = mine });
            return rows.ToList();
        }, CancellationToken.None);

    /// <summary>How many pending messages are due (claimed ones included).</summary>
    public Task<long> CountDueAsync(DateTimeOffset now) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_messages WHERE state = 'pending' AND due_at <= @Now", new { Now = now.ToUniversalTime() });
        }, CancellationToken.None);

    /// <summary>The first instant after <paramref name="after"/> at which a pending message becomes claimable (null: none): it falls due, or the lease on it runs out.</summary>
    public Task<DateTimeOffset?> NextChangeAsync(DateTimeOffset after) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            // Two index lookups, whatever waits: the next message to fall due, the next lease to run out.
            var next = await connection.ExecuteScalarAsync<DateTime?>(
                """
                SELECT least((SELECT min(due_at) FROM webhook_messages WHERE state = 'pending' AND due_at > @After),
                             (SELECT min(locked_until) FROM webhook_messages WHERE state = 'pending' AND locked_until > @After))
                """,
                new { After = after.ToUniversalTime() });
            return next is { } due ? Utc.Of(due) : (DateTimeOffset?)null;
        }, CancellationToken.None);

    /// <summary>
    /// Records attempts and what follows from them, in one transaction: each attempt in the history; the
    /// message's next state only while it still holds the claim the attempt was made under (a record that
    /// comes after its lease ran out and another instance took the message over, or after the message was
    /// cancelled, changes nothing); and for those, per subscription, whether it is failing (since its first
    /// failure after its last delivery) or disabled — then a disabled subscription's pending messages are
    /// cancelled. A message deleted meanwhile (its subscription was) is skipped, its row locked so a delete
    /// in flight is waited for, never a foreign-key failure that would hold the whole batch back.
    /// </summary>
    public Task RecordAsync(IReadOnlyList<(ClaimedMessage Message, AttemptOutcome Outcome)> attempts) =>
        calls.RunAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            var current = (await connection.QueryAsync<long>(
                """
                UPDATE webhook_messages m
                   SET state = u.state, due_at = coalesce(u.next_try, m.due_at), locked_until = NULL, attempts = u.attempt
                  FROM unnest(@Ids, @States, @NextTries, @Attempts, @Leases) AS u(id, state, next_try, attempt, lease)
                 WHERE m.id = u.id AND m.state = 'pending' AND m.locked_until = u.lease
                RETURNING m.id;
                INSERT INTO webhook_attempts (message, attempt, at, status_code, duration_ms, error, next_try)
                SELECT u.* FROM unnest(@Ids, @Attempts, @Ats, @StatusCodes, @Durations, @Errors, @NextTries) AS u(message, attempt, at, status_code, duration_ms, error, next_try)
                  JOIN webhook_messages m ON m.id = u.message
                   FOR KEY SHARE OF m;
                """,
                new
                {
                    Ids = attempts.Select(a => a.Message.Id).ToArray(),
                    States = attempts.Select(a => a.Outcome.State).ToArray(),
                    NextTries = attempts.Select(a => a.Outcome.NextTry?.UtcDateTime).ToArray(),
                    Attempts = attempts.Select(a => a.Message.Attempts).ToArray(),
                    Leases = attempts.Select(a => a.Message.LockedUntil).ToArray(),
                    Ats = attempts.Select(a => a.Outcome.At.UtcDateTime).ToArray(),
                    StatusCodes = attempts.Select(a => a.Outcome.StatusCode).ToArray(),
                    Durations = attempts.Select(a => a.Outcome.DurationMs).ToArray(),
                    Errors = attempts.Select(a => a.Outcome.Error).ToArray(),
                },
                transaction)).ToHashSet();
            var subscriptions = attempts
                .Where(attempt => current.Contains(attempt.Message.Id))
                .GroupBy(attempt => attempt.Message.SubscriptionId)
                .Select(SubscriptionOutcome.Of)
                .OrderBy(subscription => subscription.Id) // rows locked in one order by every instance
                .ToList();
            await connection.ExecuteAsync(
                """
                UPDATE webhook_subscriptions s
                   SET failing_since = CASE WHEN u.delivered THEN NULL ELSE coalesce(s.failing_since, u.failing_since) END,
                       active = s.active AND u.disable IS NULL,
                       disabled_reason = coalesce(u.disable, s.disabled_reason)
                  FROM unnest(@SubscriptionIds, @Delivered, @FailingSince, @Disable) AS u(id, delivered, failing_since, disable)
                 WHERE s.id = u.id;
                UPDATE webhook_messages SET state = 'cancelled'
                 WHERE subscription_id = ANY(@Disabled) AND state = 'pending';
                """,
                new
                {
                    SubscriptionIds = subscriptions.Select(s => s.Id).ToArray(),
                    Delivered = subscriptions.Select(s => s.Delivered).ToArray(),
                    FailingSince = subscriptions.Select(s => s.FailingSince?.UtcDateTime).ToArray(),
                    Disable = subscriptions.Select(s => s.DisableReason).ToArray(),
                    Disabled = subscriptions.Where(s => s.DisableReason is not null).Select(s => s.Id).ToArray(),
                },
                transaction);
            await transaction.CommitAsync(CancellationToken.None);
            return true;
        }, CancellationToken.None);

    /// <summary>Deletes the messages done before <paramref name="before"/>, and their attempts, a bounded batch per statement.</summary>
    public Task<int> ForgetDoneAsync(DateTimeOffset before) =>
        calls.RunAsync(async _ =>
        {
            const int Batch = 10_000;
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var forgotten = 0;
            int deleted;
            do
            {
                deleted = await connection.ExecuteAsync(
                    "DELETE FROM webhook_messages WHERE id IN (SELECT id FROM webhook_messages WHERE state <> 'pending' AND due_at < @Before LIMIT @Batch)",
                    new { Before = before.ToUniversalTime(), Batch });
                forgotten += deleted;
            }
            while (deleted == Batch);
            return forgotten;
        }, CancellationToken.None);

    /// <summary>What a batch of attempts means for one subscription: delivered last, or failing since its first failure after its last delivery; disabled by any.</summary>
    private sealed record SubscriptionOutcome(long Id, bool Delivered, DateTimeOffset? FailingSince, string? DisableReason)
    {
        public static SubscriptionOutcome Of(IGrouping<long, (ClaimedMessage Message, AttemptOutcome Outcome)> attempts)
        {
            var ordered = attempts.Select(a => a.Outcome).OrderBy(outcome => outcome.At).ToList();
            var failures = ordered.SkipWhile((_, i) => ordered.Skip(i).Any(o => o.State == "delivered")).ToList();
            return new SubscriptionOutcome(
                attempts.Key,
                ordered[^1].State == "delivered",
                failures.Count > 0 ? failures[0].At : null,
                ordered.Select(outcome => outcome.DisableReason).FirstOrDefault(reason => reason is not null));
        }
    }
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

    /// <summary>The lease this attempt was claimed under: its record counts only while the message still holds it.</summary>
    public DateTime LockedUntil { get; init; }

    public long SubscriptionId { get; init; }

    public string Url { get; init; } = "";

    public bool Active { get; init; }

    public string Secret { get; init; } = "";

    public string? PreviousSecret { get; init; }

    public DateTime? FailingSince { get; init; }
}

/// <summary>What an attempt came to: the message's next state, and the subscription's if it must be disabled.</summary>
internal sealed record AttemptOutcome(string State, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error, DateTimeOffset? NextTry, string? DisableReason);
