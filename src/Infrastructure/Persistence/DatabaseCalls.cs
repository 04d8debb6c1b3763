using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Every database call goes through here. It gets the request's database budget (connecting and its
/// statements together): past it, or when the caller goes away, the caller is answered at once and the
/// call is abandoned — never cancelled, and Npgsql has no statement timeout of its own: either would
/// make Npgsql send the server a cancel request and wait for its answer on a blocked thread-pool
/// thread, which a frozen server never gives, and a few of those starve every request. An abandoned
/// call ends when the server answers or its connection breaks (connect timeout, TCP keepalives).
/// Npgsql's failures become the application's own exception at the repository boundary.
/// </summary>
internal sealed class DatabaseCalls(IOptions<RetryOptions> options, TimeProvider timeProvider)
{
    // PostgreSQL's codes for a relation or schema that does not exist: the schema was dropped under us,
    // which is a fault of the database, not a bug in the statement. (Two fixed codes.)
    private static readonly HashSet<string> MissingSchema = ["42P01", "3F000"];

    /// <param name="operation">The call; the token it gets is never cancelled (see above).</param>
    /// <param name="cancellationToken">The caller going away: it is answered at once.</param>
    /// <param name="budget">Another budget than the request's: shorter for a readiness check, none (infinite) for a lock.</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var work = TranslateAsync(operation);
        try
        {
            return await work.WaitAsync(budget ?? options.Value.Budget, timeProvider, cancellationToken);
        }
        catch (TimeoutException ex) when (!work.IsCompleted)
        {
            throw new DataSourceUnavailableException("The window store did not answer within the database budget.", isTransient: false, ex);
        }
        finally
        {
            if (!work.IsCompleted)
            {
                // Abandoned: observe its outcome when it ends, so a late failure is not an unobserved exception.
                _ = work.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// The server refuses us rather than the statement: connection (08), authorisation (28), a missing
    /// database (3D), privileges (42501), resources (53), operator intervention (57), system errors (58).
    /// A fault of the deployment, not a bug in the statement; retrying only helps where Npgsql says so.
    /// </summary>
    private static bool Unavailable(string sqlState) =>
        sqlState == "42501" || sqlState[..2] is "08" or "28" or "3D" or "53" or "57" or "58";

    private static async Task<T> TranslateAsync<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return await operation(CancellationToken.None);
        }
        catch (PostgresException ex) when (MissingSchema.Contains(ex.SqlState))
        {
            throw new DataSourceUnavailableException("The window store's schema is missing.", isTransient: false, ex);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient || Unavailable(((PostgresException)ex).SqlState))
        {
            throw new DataSourceUnavailableException("The window store is unavailable.", isTransient: ex.IsTransient, ex);
        }
        catch (TimeoutException ex)
        {
            throw new DataSourceUnavailableException("The window store timed out.", isTransient: true, ex);
        }
    }
}
