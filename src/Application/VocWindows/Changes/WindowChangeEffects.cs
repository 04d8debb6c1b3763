namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// What follows a write of the windows, here or on another instance: the database answered, so the
/// outage breaker closes; and when the windows did change, the cached reads they make out of date are
/// dropped and the change is announced, so the next read and every stream of this instance see it at once.
/// </summary>
public sealed class WindowChangeEffects(CacheInvalidations invalidations, DatabaseOutage outage, WindowChanges changes)
{
    public async Task ApplyAsync(IReadOnlyList<string> tags, bool changed)
    {
        if (changed)
        {
            await invalidations.InvalidateAsync(tags);
            changes.Announce(); // this instance's streams; other instances hear of it from the database
        }

        await outage.EndAsync();
    }
}
