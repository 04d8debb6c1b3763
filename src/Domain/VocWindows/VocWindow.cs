using LunarVoc.Domain.Astrology;

namespace LunarVoc.Domain.VocWindows;

/// <summary>
/// A stored void-of-course window: the Moon is void from <see cref="StartAt"/> (inclusive)
/// until <see cref="EndAt"/> (exclusive). <see cref="Details"/> is known for computed windows
/// and null for windows posted without it.
/// </summary>
public sealed record VocWindow(
    long Id, DateTimeOffset StartAt, DateTimeOffset EndAt, string Source, VocWindowDetails? Details = null)
{
    /// <summary>True when <paramref name="instant"/> lies in [start, end).</summary>
    public bool Contains(DateTimeOffset instant) => StartAt <= instant && instant < EndAt;
}

/// <summary>The sign the Moon is void in, the sign it enters next, and the aspect that began the void (null when none did).</summary>
public sealed record VocWindowDetails(ZodiacSign Sign, ZodiacSign NextSign, LastAspect? LastAspect);
