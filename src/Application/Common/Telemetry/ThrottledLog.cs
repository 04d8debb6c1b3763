namespace LunarVoc.Application.Common.Telemetry;

/// <summary>
/// Keeps a log line that could repeat per request (a failed key, a failed cache call, an unexpected
/// error) to one per interval: the first occurrence is written at once, the ones after it are
/// counted and reported by the next line written. Under attack the log grows by a line per
/// interval, not a line per request.
/// </summary>
public sealed class ThrottledLog(TimeProvider timeProvider, TimeSpan interval)
{
    private long _nextLineAtTicks;
    private long _unreported;

    /// <summary>
    /// True when the caller should write its line now; <paramref name="occurrences"/> is then how
    /// many occurrences it stands for (this one and those counted since the last line).
    /// </summary>
    public bool ShouldWrite(out long occurrences)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextLineAtTicks);
        if (now >= due && Interlocked.CompareExchange(ref _nextLineAtTicks, now + interval.Ticks, due) == due)
        {
            occurrences = Interlocked.Exchange(ref _unreported, 0) + 1;
            return true;
        }

        Interlocked.Increment(ref _unreported);
        occurrences = 0;
        return false;
    }
}
