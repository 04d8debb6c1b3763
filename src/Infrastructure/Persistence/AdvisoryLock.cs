using LunarVoc.Application.Common.Hosting;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL advisory locks, by name: the one kind of lock between the service's instances.
/// Session locks are held by a dedicated connection until released, and released by the server if
/// the holder dies with its connection — the pre-fetch tries one, the migrations wait for one.
/// Transaction locks (<see cref="TakeForTransactionAsync"/>) end with their transaction: writes take turns by one.
/// </summary>
internal sealed class AdvisoryLock(NpgsqlDataSource dataSource, DatabaseCalls calls) : IExclusiveLock
{
    // No budget: a lock acquired after its caller had stopped waiting would never be released.
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        calls.RunAsync(token => AcquireAsync("SELECT pg_try_advisory_lock(hashtext(@name))", name, token), cancellationToken, Timeout.InfiniteTimeSpan);

    /// <summary>Waits for the lock however long another holder keeps it (start-up: instances migrating together take turns).</summary>
    public async Task<IAsyncDisposable> WaitAsync(string name, CancellationToken cancellationToken) =>
        (await AcquireAsync("SELECT pg_advisory_lock(hashtext(@name)) IS NOT NULL", name, cancellationToken))!;

    /// <summary>Waits for the lock, held until <paramref name="transaction"/> commits or rolls back.</summary>
    public static async Task TakeForTransactionAsync(NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@name))", transaction.Connection, transaction);
        take.Parameters.AddWithValue("name", name);
        await take.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IAsyncDisposable?> AcquireAsync(string sql, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var acquire = new NpgsqlCommand(sql, connection);
            acquire.Parameters.AddWithValue("name", name);
            if (await acquire.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@name))", connection);
                release.Parameters.AddWithValue("name", name);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and the server released the lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
