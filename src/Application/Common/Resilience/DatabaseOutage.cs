using LunarVoc.Application.VocWindows.Changes;
using Polly;
using Polly.CircuitBreaker;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// The database outage breaker, defined and controlled here. Once two store reads in a row have
/// failed after their retries, every read fails fast (the stale fallback answers) until the break
/// ends and a read gets through — or until any proof that the database answers again: a write that
/// succeeded, or the change listener connected again. When it closes, or a read gets through after
/// stale answers were served, the windows are announced as changed, so streams that showed a stale
/// answer read again at once.
/// </summary>
public sealed class DatabaseOutage(WindowChanges changes)
{
    private readonly CircuitBreakerManualControl _control = new();
    private readonly CircuitBreakerStateProvider _state = new();
    private int _servedStale;

    /// <summary>Adds the breaker to the store reads' pipeline; two failures, not one: Polly's least.</summary>
    public void AddTo(ResiliencePipelineBuilder builder, TimeSpan breakDuration) =>
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DataSourceUnavailableException>(),
            FailureRatio = 1.0,
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = breakDuration,
            ManualControl = _control,
            StateProvider = _state,
            OnClosed = _ => Ended(),
        });

    /// <summary>The database answered: reads go to it again from now on.</summary>
    public async ValueTask EndAsync()
    {
        if (_state.CircuitState != CircuitState.Closed)
        {
            try
            {
                await _control.CloseAsync(CancellationToken.None);
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

    private ValueTask Ended()
    {
        Volatile.Write(ref _servedStale, 0);
        changes.Announce();
        return ValueTask.CompletedTask;
    }
}
