namespace LunarVoc.Application.VocWindows;

internal static class SnapshotReading
{
    /// <summary>Reads the windows that matter from now until now + <paramref name="lookahead"/>.</summary>
    public static async ValueTask<VocWindowSnapshot> ReadSnapshotAsync(
        this IVocWindowRepository repository,
        TimeProvider timeProvider,
        TimeSpan lookahead,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var windows = await repository.GetWindowsAsync(now, now + lookahead, cancellationToken).ConfigureAwait(false);
        return new VocWindowSnapshot(windows, now);
    }
}
