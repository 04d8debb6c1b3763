using LunarVoc.Application.Common.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Before the service takes requests: waits for PostgreSQL (a few attempts), then migrates it.
/// When the database stays unreachable, start-up fails with one clear log line.
/// </summary>
internal sealed partial class DatabaseStartup(
    NpgsqlDataSource dataSource,
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
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(),
                MaxRetryAttempts = settings.StartupAttempts - 1,
                Delay = TimeSpan.FromSeconds(settings.StartupRetryDelaySeconds),
                BackoffType = DelayBackoffType.Constant,
                OnRetry = args =>
                {
                    LogWaiting(args.AttemptNumber + 1, settings.StartupAttempts, connection.Host, connection.Port,
                        args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    await using var probe = await dataSource.OpenConnectionAsync(token);
                },
                cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogUnreachable(ex, connection.Host, connection.Port, connection.Database, settings.StartupAttempts);
            throw new DataSourceUnavailableException("The database could not be reached at start-up.", isTransient: false, ex);
        }

        await migrator.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL at {Host}:{Port} not reachable (attempt {Attempt}/{Attempts}): {Reason}")]
    private partial void LogWaiting(int attempt, int attempts, string? host, int port, string? reason);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Refusing to start: PostgreSQL at {Host}:{Port}/{Database} unreachable after {Attempts} attempts")]
    private partial void LogUnreachable(Exception exception, string? host, int port, string? database, int attempts);
}
