using LunarVoc.Application.Common.Locking;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL session advisory locks: held by a dedicated connection until released, and released
/// by the server if the holder dies with its connection.
/// </summary>
internal sealed class AdvisoryLock(NpgsqlDataSource dataSource, DatabaseCalls calls) : IExclusiveLock
{
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        calls.RunAsync<IAsyncDisposable?>(async cancellationToken =>
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var acquire = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@name))", connection);
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
        }, cancellationToken);

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
