using LunarVoc.Application.VocWindows.Changes;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY as the backplane between instances: every deployment has the
/// database, and a NOTIFY sent inside a write's transaction is delivered only if it commits, so a
/// change can never be announced without happening, nor happen unannounced while listeners listen.
/// </summary>
internal sealed class WindowChangeFeed(NpgsqlDataSource dataSource, DatabaseCalls calls) : IWindowChangeFeed
{
    public const string Channel = "lunarvoc_windows";

    /// <summary>
    /// The payload of this instance's notifications: the instance applies its own changes as it
    /// makes them, so its listener skips them.
    /// </summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Inside a write: announced to every listener when, and only if, the transaction commits.</summary>
    public async Task AnnounceInAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var notify = Notify(transaction.Connection!);
        notify.Transaction = transaction;
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task PublishAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var notify = Notify(connection);
            await notify.ExecuteNonQueryAsync(token);
            return true;
        }, cancellationToken);

    private NpgsqlCommand Notify(NpgsqlConnection connection)
    {
        var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @instance)", connection);
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("instance", InstanceId);
        return notify;
    }
}
