namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// Tells every instance, and the windows.changed subscribers, that the stored windows changed. Writes
/// announce it inside their own transaction (delivered only if it commits); this port is for changes
/// that are not a write, such as an upstream provider's invalidation hook.
/// </summary>
public interface IWindowChangeFeed
{
    Task PublishAsync(WindowChange change, CancellationToken cancellationToken);
}
