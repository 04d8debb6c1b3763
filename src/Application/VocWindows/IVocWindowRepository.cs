namespace LunarVoc.Application.VocWindows;

/// <summary>The store of void-of-course windows. Stored windows never overlap.</summary>
public interface IVocWindowRepository
{
    /// <summary>
    /// In one round trip: every window ending after <paramref name="from"/> and starting no later
    /// than <paramref name="until"/>, plus the first window starting after <paramref name="until"/>
    /// (so "next" is known however far away it is), ordered by start.
    /// </summary>
    Task<ImmutableArray<VocWindow>> GetWindowsAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The window with this id, or null.</summary>
    Task<VocWindow?> GetByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> windows overlapping [<paramref name="from"/>, <paramref name="until"/>)
    /// that start after <paramref name="after"/> (when given), ordered by start.
    /// </summary>
    Task<ImmutableArray<VocWindow>> ListAsync(
        DateTimeOffset from, DateTimeOffset until, DateTimeOffset? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: inserts the window, or updates the source of the window with the same bounds; a
    /// different stored window that overlaps it is a conflict, unless
    /// <paramref name="replaceOverlapping"/> asks for the overlapping windows to be replaced.
    /// </summary>
    Task<SaveResult> SaveAsync(
        DateTimeOffset startAt, DateTimeOffset endAt, string source, bool replaceOverlapping, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction, stores computed windows with source <see cref="ComputedVocWindow.Source"/>:
    /// each replaces the computed windows it overlaps, and gives way to any window from another source.
    /// </summary>
    Task<StoreComputedResult> StoreComputedAsync(
        IReadOnlyList<ComputedVocWindow> windows, CancellationToken cancellationToken);
}

public enum SaveOutcome
{
    Created,
    Updated,
    Conflict,
}

/// <summary>
/// What a save did; on <see cref="SaveOutcome.Conflict"/> the window is the stored one in the way.
/// <paramref name="ChangedWindows"/> is false for a conflict and for a save identical to what was stored.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, VocWindow Window, bool ChangedWindows = true) : IWindowsChange;

/// <summary>What storing computed windows did, and the windows from other sources that were left in place of computed ones.</summary>
public sealed record StoreComputedResult(int Inserted, int Updated, int Unchanged, ImmutableArray<VocWindow> KeptFromOtherSources);
