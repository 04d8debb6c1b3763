using Microsoft.Extensions.Hosting;

namespace LunarVoc.Application.Common.Hosting;

/// <summary>
/// A background service whose task the host may wait on safely. The host's stop and its dispose
/// both wait on that task; were their continuations run inline by the thread that completes it, a
/// synchronous dispose (as in a test host) would block there while the host's own watch of the same
/// task is still queued behind it: a deadlock. So the task handed to the host completes its
/// continuations asynchronously. Every long-running service of LunarVoc derives from this.
/// </summary>
public abstract class BackgroundLoop : BackgroundService
{
    protected sealed override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RunAsync(stoppingToken).ContinueWith(
            run => completion.SetFromTask(run), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    /// <summary>The service's work, until <paramref name="stoppingToken"/> asks it to stop.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);
}
