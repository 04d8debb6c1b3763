using LunarVoc.Application.VocWindows.Changes;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>The repository's writes: one transaction each, taking turns, announced to every instance only when they change something.</summary>
internal sealed partial class VocWindowRepository
{
    private const string ExclusionViolation = "23P01";
    private const string OverlapsRange = "tstzrange(start_at, end_at) && tstzrange(@StartAt, @EndAt)";

    private const string DeleteOverlappingSql = $"""
        DELETE FROM voc_windows
         WHERE {OverlapsRange} AND (start_at, end_at) <> (@StartAt, @EndAt)
        RETURNING {Columns}
        """;

    // xmax is 0 only on a freshly inserted row version, so it tells an insert from an update. A save
    // identical to the stored row updates nothing and returns no row (then read by SameSql).
    private const string UpsertSql = $"""
        INSERT INTO voc_windows (start_at, end_at, source)
        VALUES (@StartAt, @EndAt, @Source)
        ON CONFLICT (start_at, end_at) DO UPDATE
           SET source = EXCLUDED.source, updated_at = now()
         WHERE voc_windows.source IS DISTINCT FROM EXCLUDED.source
        RETURNING {Columns}, (xmax = 0) AS created
        """;

    private const string SameSql = $"SELECT {Columns} FROM voc_windows WHERE start_at = @StartAt AND end_at = @EndAt";

    private const string FirstOverlappingSql = $"SELECT {Columns} FROM voc_windows WHERE {OverlapsRange} ORDER BY start_at LIMIT 1";

    // The same overlap as OverlapsRange, by comparisons: no range is built from the bounds sent, so bounds
    // the wrong way round reach the table's own check.
    private const string FirstOtherOverlappingSql = $"SELECT {Columns} FROM voc_windows WHERE start_at < @EndAt AND end_at > @StartAt AND (start_at, end_at) <> (@StartAt, @EndAt) ORDER BY start_at LIMIT 1";

    private const string OverlappingForUpdateSql = $"SELECT {Columns} FROM voc_windows WHERE {OverlapsRange} ORDER BY start_at FOR UPDATE";

    // Writes take turns: two overlapping replaces would otherwise each lock rows the other deletes
    // (a deadlock). Writes are rare, so one transaction-level lock for all of them costs nothing.
    private const string WritesLock = "lunarvoc.voc_windows.write";

    private const string DeleteByIdsSql = "DELETE FROM voc_windows WHERE id = ANY(@Ids)";

    private const string InsertComputedSql = $"""
        INSERT INTO voc_windows (start_at, end_at, source, sign, next_sign, last_aspect_planet, last_aspect)
        VALUES (@StartAt, @EndAt, @Source, @Sign, @NextSign, @LastAspectPlanet, @LastAspect)
        RETURNING {Columns}
        """;

    private const string UpdateDetailsSql = $"""
        UPDATE voc_windows
           SET sign = @Sign, next_sign = @NextSign, last_aspect_planet = @LastAspectPlanet,
               last_aspect = @LastAspect, updated_at = now()
         WHERE id = @Id
        RETURNING {Columns}
        """;

    public Task<SaveResult> SaveAsync(
        DateTimeOffset startAt, DateTimeOffset endAt, string source, bool replaceOverlapping, CancellationToken cancellationToken) =>
        calls.RunAsync(async cancellationToken =>
        {
            var bounds = new { StartAt = startAt.ToUniversalTime(), EndAt = endAt.ToUniversalTime(), Source = source };
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await AdvisoryLock.TakeForTransactionAsync(transaction, WritesLock, cancellationToken);
                if (!replaceOverlapping && await connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(
                        FirstOtherOverlappingSql, bounds, transaction, cancellationToken: cancellationToken)) is { } inTheWay)
                {
                    return new SaveResult(SaveOutcome.Conflict, inTheWay.ToWindow(), ChangedWindows: false); // under the lock: committed, and still there
                }

                var removed = replaceOverlapping
                    ? (await connection.QueryAsync<WindowRow>(new CommandDefinition(DeleteOverlappingSql, bounds, transaction, cancellationToken: cancellationToken))).Select(r => r.ToWindow()).ToImmutableArray()
                    : [];
                var written = await connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(UpsertSql, bounds, transaction, cancellationToken: cancellationToken));
                var changed = removed.Length > 0 || written is not null;
                var row = written ?? await connection.QuerySingleAsync<WindowRow>(new CommandDefinition(SameSql, bounds, transaction, cancellationToken: cancellationToken));
                if (changed)
                {
                    ImmutableArray<VocWindow> saved = written is null ? [] : [written.ToWindow()];
                    await changes.AnnounceInAsync(
                        transaction,
                        new WindowChange(WindowChange.Saved, row.Created ? saved : [], row.Created ? [] : saved, removed),
                        cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return new SaveResult(row.Created ? SaveOutcome.Created : SaveOutcome.Updated, row.ToWindow(), changed);
            }
            catch (PostgresException ex) when (ex.SqlState == ExclusionViolation)
            {
                // A writer outside the service got in the way: name its window if it is still there.
                var blocking = await connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(
                    FirstOverlappingSql, bounds, cancellationToken: cancellationToken));
                return blocking is null
                    ? throw new Application.Common.Exceptions.DataSourceUnavailableException("The stored windows changed during the save; send it again.", isTransient: true, ex)
                    : new SaveResult(SaveOutcome.Conflict, blocking.ToWindow(), ChangedWindows: false);
            }
        }, cancellationToken);

    public Task<StoreComputedResult> StoreComputedAsync(
        IReadOnlyList<ComputedVocWindow> windows, CancellationToken cancellationToken) =>
        calls.RunAsync(async cancellationToken =>
        {
            var unchanged = 0;
            var kept = ImmutableArray.CreateBuilder<VocWindow>();
            var created = ImmutableArray.CreateBuilder<VocWindow>();
            var updated = ImmutableArray.CreateBuilder<VocWindow>();
            var removed = ImmutableArray.CreateBuilder<VocWindow>();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await AdvisoryLock.TakeForTransactionAsync(transaction, WritesLock, cancellationToken);
            foreach (var window in windows)
            {
                var row = new DetailsRow(window);
                var overlapping = (await connection.QueryAsync<WindowRow>(new CommandDefinition(
                    OverlappingForUpdateSql, row, transaction, cancellationToken: cancellationToken))).Select(r => r.ToWindow()).ToList();

                switch (ComputedWindowPlacements.Of(window, overlapping))
                {
                    case ComputedWindowPlacement.GiveWay:
                        kept.AddRange(overlapping.Where(stored => stored.Source != ComputedVocWindow.Source));
                        break;
                    case ComputedWindowPlacement.Unchanged:
                        unchanged++;
                        break;
                    case ComputedWindowPlacement.UpdateDetails:
                        updated.Add((await connection.QuerySingleAsync<WindowRow>(new CommandDefinition(
                            UpdateDetailsSql, row with { Id = overlapping[0].Id }, transaction, cancellationToken: cancellationToken))).ToWindow());
                        break;
                    case ComputedWindowPlacement.Replace:
                        if (overlapping.Count > 0)
                        {
                            await connection.ExecuteAsync(new CommandDefinition(
                                DeleteByIdsSql, new { Ids = overlapping.Select(stored => stored.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
                            removed.AddRange(overlapping);
                        }

                        created.Add((await connection.QuerySingleAsync<WindowRow>(new CommandDefinition(
                            InsertComputedSql, row, transaction, cancellationToken: cancellationToken))).ToWindow());
                        break;
                }
            }

            if (created.Count + updated.Count > 0)
            {
                await changes.AnnounceInAsync(
                    transaction,
                    new WindowChange(WindowChange.Computed, created.ToImmutable(), updated.ToImmutable(), removed.ToImmutable()),
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new StoreComputedResult(created.Count, updated.Count, unchanged, kept.ToImmutable());
        }, cancellationToken);
}
