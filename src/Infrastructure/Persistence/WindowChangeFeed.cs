using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Infrastructure.Webhooks;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY as the backplane between instances: every deployment has the
/// database, and a NOTIFY sent inside a write's transaction is delivered only if it commits, so a
/// change can never be announced without happening, nor happen unannounced while listeners listen.
/// The windows.changed webhook is queued in the same transaction, for the same reason.
/// </summary>
internal sealed class WindowChangeFeed(NpgsqlDataSource dataSource, DatabaseCalls calls, TimeProvider timeProvider) : IWindowChangeFeed
{
    public const string Channel = "lunarvoc_windows";

    /// <summary>
    /// The payload of this instance's notifications: the instance applies its own changes as it
    /// makes them, so its listener skips them.
    /// </summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Inside a write: announced to every listener and subscriber when, and only if, the transaction commits.</summary>
    public async Task AnnounceInAsync(NpgsqlTransaction transaction, WindowChange change, CancellationToken cancellationToken)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @instance)", transaction.Connection, transaction);
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("instance", InstanceId);
        await notify.ExecuteNonQueryAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await WebhookStore.EnqueueForSubscribersInAsync(transaction, Domain.Webhooks.WebhookEvents.WindowsChanged, change.Payload(now), now, cancellationToken);
    }

    public Task PublishAsync(WindowChange change, CancellationToken cancellationToken) =>
        calls.RunAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            await AnnounceInAsync(transaction, change, token);
            await transaction.CommitAsync(token);
            return true;
        }, cancellationToken);
}
