namespace LunarVoc.Application.Common.Hosting;

/// <summary>A lock shared by every instance of the service (all of them use the same database).</summary>
public interface IExclusiveLock
{
    /// <summary>The held lock, released on dispose, or null when another holder has it now.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}
