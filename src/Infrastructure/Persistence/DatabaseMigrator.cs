using DbUp;
using DbUp.Engine.Output;
using DbUp.Postgresql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Applies the numbered SQL scripts embedded in this assembly that the database has not seen yet.
/// An advisory lock keeps instances starting together from migrating at the same time.
/// </summary>
internal sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, AdvisoryLock advisoryLock, ILogger<DatabaseMigrator> logger)
{
    private const string LockName = "lunarvoc-migrations";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var held = await advisoryLock.WaitAsync(LockName, cancellationToken);
        var upgrader = DeployChanges.To
            // The data source itself: its ConnectionString leaves the password out.
            .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                name => name.Contains(".Persistence.Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration script {result.ErrorScript?.Name} failed.", result.Error);
        }

        var appliedScripts = result.Scripts.Count();
        LogMigrated(appliedScripts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema up to date ({AppliedScripts} scripts applied)")]
    private partial void LogMigrated(int appliedScripts);

    [LoggerMessage(Message = "Migration: {MigrationMessage}")]
    private static partial void LogUpgrade(ILogger logger, LogLevel level, Exception? exception, string migrationMessage);

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
                LogUpgrade(logger, level, exception, message);
            }
        }
    }
}
