using LunarVoc.Application.Common.Caching;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows;

/// <summary>
/// The finished answer to "is the Moon void of course now": the status at <see cref="Now"/>, the
/// windows it was derived from, how old they are and where they came from, and how long the answer
/// may be kept — until the status next changes or the windows expire, whichever is sooner; a stale
/// answer not at all.
/// </summary>
public sealed record VocAnswer(VocWindowSnapshot Snapshot, VocStatus Status, DateTimeOffset Now, TimeSpan MaxAge)
{
    public CacheStatus CacheStatus => Snapshot.CacheStatus;

    /// <summary>Since the windows were read from the store.</summary>
    public TimeSpan Age => Now - Snapshot.FetchedAt;

    /// <summary>Works out the answer at <paramref name="now"/> from windows that stay fresh for <paramref name="ttl"/>.</summary>
    public static VocAnswer At(DateTimeOffset now, VocWindowSnapshot snapshot, TimeSpan ttl)
    {
        var status = snapshot.StatusAt(now);
        var until = snapshot.FetchedAt + ttl;
        if (status.ValidUntil is { } change && change < until)
        {
            until = change;
        }

        var maxAge = snapshot.CacheStatus == CacheStatus.Stale ? TimeSpan.Zero : until - now;
        return new VocAnswer(snapshot, status, now, TimeSpan.FromSeconds(Math.Floor(Math.Max(0, maxAge.TotalSeconds))));
    }
}
