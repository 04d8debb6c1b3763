using LunarVoc.Application.VocWindows.Changes;
using Polly.CircuitBreaker;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// The database outage breaker's state and its manual control (the breaker itself is built with the
/// store reads' pipeline, <see cref="ResiliencePipelines"/>). Reads open it; a read that gets through
/// closes it — and so does any proof that the database answers again: a write that succeeded, or the
/// change listener connected again. When it closes, or a read gets through after stale answers were
/// served, the windows are announced as changed, so streams that showed a stale answer read again at once.
/// </summary>
public sealed class DatabaseOutage(WindowChanges changes)
{
    private int _servedStale;

    public CircuitBreakerManualControl Control { get; } = new();

    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>The database answered: reads go to it again from now on.</summary>
    public async ValueTask EndAsync()
    {
        if (State.CircuitState != CircuitState.Closed)
        {
            try
            {
                await Control.CloseAsync(CancellationToken.None);
            }
            catch (ObjectDisposedException)
            {
                // Shutting down: there is no breaker left to close.
            }
        }
    }

    /// <summary>A stale answer was served: the next read that gets through ends the outage for the streams too.</summary>
    public void ServedStale() => Volatile.Write(ref _servedStale, 1);

    /// <summary>A read got through.</summary>
    public void Answered()
    {
        if (Volatile.Read(ref _servedStale) == 1 && Interlocked.Exchange(ref _servedStale, 0) == 1)
        {
            changes.Announce();
        }
    }

    internal ValueTask Ended()
    {
        Volatile.Write(ref _servedStale, 0);
        changes.Announce();
        return ValueTask.CompletedTask;
    }
}
