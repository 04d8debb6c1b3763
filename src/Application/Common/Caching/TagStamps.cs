namespace LunarVoc.Application.Common.Caching;

/// <summary>How many times a tag was invalidated, and when the latest began: an answer read before it may predate the change.</summary>
public sealed class TagStamp
{
    private long _count;
    private long _latestTicks = long.MinValue;

    public long Count => Interlocked.Read(ref _count);

    public DateTimeOffset Latest => Interlocked.Read(ref _latestTicks) is var ticks && ticks == long.MinValue
        ? DateTimeOffset.MinValue
        : new DateTimeOffset(ticks, TimeSpan.Zero);

    internal void Mark(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _latestTicks, at.UtcTicks);
        Interlocked.Increment(ref _count);
    }
}

/// <summary>The stamps of a query's tags together: how many invalidations so far, and when the latest began.</summary>
// Read on every cached request, hence loops rather than LINQ.
public sealed class TagStamps(TagStamp[] stamps)
{
    public long Count
    {
        get
        {
            var count = 0L;
            foreach (var stamp in stamps)
            {
                count += stamp.Count;
            }

            return count;
        }
    }

    public DateTimeOffset Latest
    {
        get
        {
            var latest = DateTimeOffset.MinValue;
            foreach (var stamp in stamps)
            {
                latest = stamp.Latest > latest ? stamp.Latest : latest;
            }

            return latest;
        }
    }
}
