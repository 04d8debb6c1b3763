using System.ComponentModel;
using System.Text.Json.Serialization;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows;

/// <summary>
/// The finished answer to "is the Moon void of course now": the status at <see cref="Now"/>, the
/// windows it was derived from, how old they are and where they came from, and how long the answer
/// may be kept — until the status next changes or the windows expire, whichever is sooner; a stale
/// answer not at all. The cache keeps it; every request works it out again at its own instant.
/// </summary>
[ImmutableObject(true)]
public sealed class VocAnswer : ICacheableResponse<VocAnswer>
{
    /// <summary>Also how a shared (distributed) cache reads it back.</summary>
    [JsonConstructor]
    public VocAnswer(VocWindowSnapshot snapshot, TimeSpan ttl, DateTimeOffset now)
    {
        Snapshot = snapshot;
        Ttl = ttl;
        Now = now;
        Status = snapshot.StatusAt(now);
        var until = snapshot.FetchedAt + ttl;
        if (Status.ValidUntil is { } change && change < until)
        {
            until = change;
        }

        var maxAge = snapshot.CacheStatus == CacheStatus.Stale ? TimeSpan.Zero : until - now;
        MaxAge = TimeSpan.FromSeconds(Math.Floor(Math.Max(0, maxAge.TotalSeconds)));
    }

    public VocWindowSnapshot Snapshot { get; }

    /// <summary>How long the windows stay fresh after they were read.</summary>
    public TimeSpan Ttl { get; }

    public DateTimeOffset Now { get; }

    [JsonIgnore]
    public VocStatus Status { get; }

    /// <summary>How long a client may keep the answer.</summary>
    [JsonIgnore]
    public TimeSpan MaxAge { get; }

    [JsonIgnore]
    public DateTimeOffset FetchedAt => Snapshot.FetchedAt;

    [JsonIgnore]
    public CacheStatus CacheStatus => Snapshot.CacheStatus;

    /// <summary>Since the windows were read from the store.</summary>
    [JsonIgnore]
    public TimeSpan Age => Now - Snapshot.FetchedAt;

    /// <summary>Reads the windows from now to now + <paramref name="lookahead"/>: the answer at that instant, fresh for <paramref name="ttl"/>.</summary>
    public static async ValueTask<VocAnswer> ReadAsync(
        IVocWindowRepository repository, TimeProvider timeProvider, TimeSpan lookahead, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var windows = await repository.GetWindowsAsync(now, now + lookahead, cancellationToken).ConfigureAwait(false);
        return new VocAnswer(new VocWindowSnapshot(windows, now), ttl, now);
    }

    public VocAnswer At(DateTimeOffset now) => now == Now ? this : new(Snapshot, Ttl, now);

    public VocAnswer WithCacheStatus(CacheStatus status) =>
        status == CacheStatus ? this : new(Snapshot.WithCacheStatus(status), Ttl, Now);
}
