namespace LunarVoc.Application.Common.Hosting;

/// <summary>One signal for everyone waiting: whoever awaits <see cref="Next"/> is woken by the next announcement.</summary>
public abstract class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Announce() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
