namespace LunarVoc.Domain.VocWindows;

/// <summary>
/// A stored void-of-course window: the Moon is void from <see cref="StartAt"/> (inclusive)
/// until <see cref="EndAt"/> (exclusive).
/// </summary>
public sealed record VocWindow(long Id, DateTimeOffset StartAt, DateTimeOffset EndAt, string Source)
{
    /// <summary>True when <paramref name="instant"/> lies in [start, end).</summary>
    public bool Contains(DateTimeOffset instant) => StartAt <= instant && instant < EndAt;
}
