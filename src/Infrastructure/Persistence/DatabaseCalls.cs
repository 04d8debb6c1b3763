using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Every database call goes through here: it gets the request's database budget (connect, commands
/// and any retries together; a frozen server must not hold a request past it), and Npgsql's failures
/// become the application's own exception at the repository boundary.
/// </summary>
internal sealed class DatabaseCalls(IOptions<RetryOptions> options, TimeProvider timeProvider)
{
    // PostgreSQL's codes for a relation or schema that does not exist: the schema was dropped under us,
    // which is a fault of the database, not a bug in the statement.
    private static readonly HashSet<string> MissingSchema = ["42P01", "3F000"];

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.Value.Budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await operation(linked.Token);
        }
        catch (Exception ex) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or NpgsqlException or TimeoutException)
        {
            throw new DataSourceUnavailableException("The window store did not answer within the database budget.", isTransient: false, ex);
        }
        catch (PostgresException ex) when (MissingSchema.Contains(ex.SqlState))
        {
            throw new DataSourceUnavailableException("The window store's schema is missing.", isTransient: false, ex);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient)
        {
            throw new DataSourceUnavailableException("The window store is unavailable.", isTransient: ex.IsTransient, ex);
        }
        catch (TimeoutException ex)
        {
            throw new DataSourceUnavailableException("The window store timed out.", isTransient: true, ex);
        }
    }
}
