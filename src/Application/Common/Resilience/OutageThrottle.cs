namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// After a read fails for good, further misses within a short window fail fast instead of each
/// paying the retry delays again; the first success closes it. One per instance: there is one database.
/// </summary>
/// <remarks>
/// Polly's circuit breaker needs at least two executions before it can open, and the rule here is
/// "after a failure"; this is the whole of it.
/// </remarks>
public sealed class OutageThrottle(TimeProvider timeProvider)
{
    private long _openUntilTicks;

    public bool IsOpen(TimeSpan window, out TimeSpan remaining)
    {
        remaining = new DateTimeOffset(Interlocked.Read(ref _openUntilTicks), TimeSpan.Zero) - timeProvider.GetUtcNow();
        return window > TimeSpan.Zero && remaining > TimeSpan.Zero;
    }

    public void RecordFailure(TimeSpan window) =>
        Interlocked.Exchange(ref _openUntilTicks, (timeProvider.GetUtcNow() + window).UtcTicks);

    public void RecordSuccess() => Interlocked.Exchange(ref _openUntilTicks, 0);
}
