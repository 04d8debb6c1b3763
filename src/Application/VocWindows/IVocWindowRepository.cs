using System.Collections.Immutable;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows;

/// <summary>The store of void-of-course windows.</summary>
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
    /// Inserts the window, or updates the source of the window with the same bounds, atomically.
    /// </summary>
    Task<SavedVocWindow> UpsertAsync(
        DateTimeOffset startAt, DateTimeOffset endAt, string source, CancellationToken cancellationToken);
}

/// <summary>The stored window and whether the save created it (true) or updated it (false).</summary>
public sealed record SavedVocWindow(VocWindow Window, bool Created);
