using System.Collections.Immutable;
using Dapper;
using LunarVoc.Application.VocWindows;
using LunarVoc.Domain.VocWindows;
using Npgsql;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>The window store on PostgreSQL: its reads here, one statement each; its writes in <c>VocWindowRepository.Writes.cs</c>.</summary>
internal sealed partial class VocWindowRepository(NpgsqlDataSource dataSource, DatabaseCalls calls, WindowChangeFeed changes) : IVocWindowRepository
{
    private const string Columns = "id, start_at, end_at, source, sign, next_sign, last_aspect_planet, last_aspect";
    // Two disjoint halves in one statement: what overlaps [from, until], and the first window after.
    private const string WindowsSql = $"""
        (SELECT {Columns}
           FROM voc_windows
          WHERE end_at > @From AND start_at <= @Until)
        UNION ALL
        (SELECT {Columns}
           FROM voc_windows
          WHERE start_at > @Until
          ORDER BY start_at
          LIMIT 1)
        ORDER BY start_at
        """;

    private const string ByIdSql = $"SELECT {Columns} FROM voc_windows WHERE id = @Id";

    private const string ListSql = $"""
        SELECT {Columns}
          FROM voc_windows
         WHERE end_at > @From AND start_at < @Until AND start_at > @After
         ORDER BY start_at
         LIMIT @Limit
        """;

    // Before every window the service can hold (the ephemeris starts in 1900).
    private static readonly DateTimeOffset BeforeAnyWindow = new(1800, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task<ImmutableArray<VocWindow>> GetWindowsAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        QueryAsync(WindowsSql, new { From = from.ToUniversalTime(), Until = until.ToUniversalTime() }, cancellationToken);

    public Task<VocWindow?> GetByIdAsync(long id, CancellationToken cancellationToken) =>
        calls.RunAsync(async cancellationToken =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(
                ByIdSql, new { Id = id }, cancellationToken: cancellationToken));
            return row?.ToWindow();
        }, cancellationToken);

    public Task<ImmutableArray<VocWindow>> ListAsync(
        DateTimeOffset from, DateTimeOffset until, DateTimeOffset? after, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            ListSql,
            new { From = from.ToUniversalTime(), Until = until.ToUniversalTime(), After = (after ?? BeforeAnyWindow).ToUniversalTime(), Limit = limit },
            cancellationToken);

    private Task<ImmutableArray<VocWindow>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        calls.RunAsync(async cancellationToken =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<WindowRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return rows.Select(row => row.ToWindow()).ToImmutableArray();
        }, cancellationToken);
}
