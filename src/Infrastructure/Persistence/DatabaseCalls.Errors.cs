namespace LunarVoc.Infrastructure.Persistence;

/// <summary>Npgsql's failures as the application's own <see cref="DataSourceUnavailableException"/>, so no layer above knows Npgsql.</summary>
internal sealed partial class DatabaseCalls
{
    // PostgreSQL's codes for a relation or schema that does not exist: the schema was dropped under us,
    // which is a fault of the database, not a bug in the statement. (Two fixed codes.)
    private static readonly HashSet<string> MissingSchema = ["42P01", "3F000"];

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
