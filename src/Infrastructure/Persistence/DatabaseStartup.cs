using Microsoft.Extensions.Hosting;
using Polly;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Before the service takes requests: waits for PostgreSQL (a few attempts), then migrates it.
/// When the database stays unreachable, start-up fails with one clear log line.
/// </summary>
internal sealed partial class DatabaseStartup(
    NpgsqlDataSource dataSource,
    DatabaseCalls calls,
    DatabaseMigrator migrator,
    IOptions<DatabaseOptions> options,
    TimeProvider timeProvider,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var connection = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddDatabaseRetry(
                settings.StartupAttempts - 1,
                _ => TimeSpan.FromSeconds(settings.StartupRetryDelaySeconds),
                _ => true, // a server still starting may refuse logins for a moment too
                (retry, failure, _, _) => LogWaiting(retry + 1, settings.StartupAttempts, connection.Host, connection.Port,
                    failure.InnerException?.Message ?? failure.Message))
            .Build();

        try
        {
            // Bounded by Npgsql's connect timeout, not by a request's budget.
            await pipeline.ExecuteAsync(
                async token => await calls.RunAsync(OpenAsync, token, Timeout.InfiniteTimeSpan),
                cancellationToken);
        }
        catch (Exception ex) when (ex is DataSourceUnavailableException or NpgsqlException)
        {
            LogUnreachable(ex, connection.Host, connection.Port, connection.Database, settings.StartupAttempts);
            throw new DataSourceUnavailableException("The database could not be reached at start-up.", isTransient: false, ex is DataSourceUnavailableException { InnerException: { } inner } ? inner : ex);
        }

        await migrator.MigrateAsync(cancellationToken);
    }

    private async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        await using var probe = await dataSource.OpenConnectionAsync(cancellationToken);
        return true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL at {Host}:{Port} not reachable (attempt {Attempt}/{Attempts}): {Reason}")]
    private partial void LogWaiting(int attempt, int attempts, string? host, int port, string? reason);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Refusing to start: PostgreSQL at {Host}:{Port}/{Database} unreachable after {Attempts} attempts")]
    private partial void LogUnreachable(Exception exception, string? host, int port, string? database, int attempts);
}
