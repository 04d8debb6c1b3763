namespace LunarVoc.Infrastructure.Persistence;

/// <summary>Browsing the store: one window by id, and the pages of <c>GET /windows</c>.</summary>
internal sealed partial class VocWindowRepository
{
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
}
