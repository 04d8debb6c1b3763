namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// The window store on PostgreSQL, one statement per call: the status read here; browsing (one
/// window, a page) in <c>VocWindowRepository.Browse.cs</c>; the writes in <c>VocWindowRepository.Writes.cs</c>.
/// </summary>
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

    public Task<ImmutableArray<VocWindow>> GetWindowsAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        QueryAsync(WindowsSql, new { From = from.ToUniversalTime(), Until = until.ToUniversalTime() }, cancellationToken);

    private Task<ImmutableArray<VocWindow>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        calls.RunAsync(async cancellationToken =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<WindowRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return rows.Select(row => row.ToWindow()).ToImmutableArray();
        }, cancellationToken);
}
