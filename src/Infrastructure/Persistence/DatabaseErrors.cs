using LunarVoc.Application.Common.Exceptions;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>Turns Npgsql's failures into the application's own exception at the repository boundary.</summary>
internal static class DatabaseErrors
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient)
        {
            throw new DataSourceUnavailableException(
                "The window store is unavailable.", isTransient: ex.IsTransient, ex);
        }
        catch (TimeoutException ex)
        {
            throw new DataSourceUnavailableException("The window store timed out.", isTransient: true, ex);
        }
    }
}
