namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// Tells this instance's listeners (the status streams' broadcaster) that the stored windows
/// changed — here or, through the database's notifications, on another instance. One signal for
/// everyone waiting: whoever awaits <see cref="Next"/> is woken by the next change.
/// </summary>
public sealed class WindowChanges
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Announce() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
