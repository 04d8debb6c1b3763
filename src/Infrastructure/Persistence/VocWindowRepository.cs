using System.Collections.Immutable;
using Dapper;
using LunarVoc.Application.VocWindows;
using LunarVoc.Domain.VocWindows;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

internal sealed class VocWindowRepository(NpgsqlDataSource dataSource) : IVocWindowRepository
{
    // Two disjoint halves in one statement: what overlaps [from, until], and the first window after.
    private const string WindowsSql = """
        (SELECT id, start_at, end_at, source
           FROM voc_windows
          WHERE end_at > @From AND start_at <= @Until)
        UNION ALL
        (SELECT id, start_at, end_at, source
           FROM voc_windows
          WHERE start_at > @Until
          ORDER BY start_at
          LIMIT 1)
        ORDER BY start_at
        """;

    private const string ByIdSql = "SELECT id, start_at, end_at, source FROM voc_windows WHERE id = @Id";

    // xmax is 0 only on a freshly inserted row version, so it tells an insert from an update.
    private const string UpsertSql = """
        INSERT INTO voc_windows (start_at, end_at, source)
        VALUES (@StartAt, @EndAt, @Source)
        ON CONFLICT (start_at, end_at) DO UPDATE
           SET source = EXCLUDED.source, updated_at = now()
        RETURNING id, start_at, end_at, source, (xmax = 0) AS created
        """;

    public Task<ImmutableArray<VocWindow>> GetWindowsAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        DatabaseErrors.TranslateAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<WindowRow>(new CommandDefinition(
                WindowsSql,
                new { From = from.ToUniversalTime(), Until = until.ToUniversalTime() },
                cancellationToken: cancellationToken));
            return rows.Select(row => row.ToWindow()).ToImmutableArray();
        });

    public Task<VocWindow?> GetByIdAsync(long id, CancellationToken cancellationToken) =>
        DatabaseErrors.TranslateAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(
                ByIdSql, new { Id = id }, cancellationToken: cancellationToken));
            return row?.ToWindow();
        });

    public Task<SavedVocWindow> UpsertAsync(
        DateTimeOffset startAt, DateTimeOffset endAt, string source, CancellationToken cancellationToken) =>
        DatabaseErrors.TranslateAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleAsync<WindowRow>(new CommandDefinition(
                UpsertSql,
                new { StartAt = startAt.ToUniversalTime(), EndAt = endAt.ToUniversalTime(), Source = source },
                cancellationToken: cancellationToken));
            return new SavedVocWindow(row.ToWindow(), row.Created);
        });

    private sealed class WindowRow
    {
        public long Id { get; init; }

        public DateTime StartAt { get; init; }

        public DateTime EndAt { get; init; }

        public string Source { get; init; } = string.Empty;

        public bool Created { get; init; }

        public VocWindow ToWindow() => new(Id, AsUtc(StartAt), AsUtc(EndAt), Source);

        private static DateTimeOffset AsUtc(DateTime value) =>
            new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
