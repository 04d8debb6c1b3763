using System.ComponentModel;
using System.Text.Json.Serialization;

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
        var expires = snapshot.FetchedAt + ttl;
        var until = Status.ValidUntil < expires ? Status.ValidUntil.Value : expires;
        MaxAge = snapshot.CacheStatus == CacheStatus.Stale ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(Math.Max(0, (until - snapshot.FetchedAt).TotalSeconds)));
    }

    public VocWindowSnapshot Snapshot { get; }

    /// <summary>How long the windows stay fresh after they were read.</summary>
    public TimeSpan Ttl { get; }

    public DateTimeOffset Now { get; }

    [JsonIgnore]
    public VocStatus Status { get; }

    /// <summary>Its freshness counted from the read (RFC 9111 max-age): less <see cref="Age"/>, the time to the next change or expiry.</summary>
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

/// <summary>
/// The windows read from the store at <see cref="FetchedAt"/>, covering enough time ahead that
/// the status can be derived from them for any later instant while they are in use.
/// Immutable, so a cache can hand out the same instance to every caller.
/// </summary>
[ImmutableObject(true)]
public sealed record VocWindowSnapshot(ImmutableArray<VocWindow> Windows, DateTimeOffset FetchedAt)
    : ICacheableResponse<VocWindowSnapshot>
{
    /// <summary>The cache tag of every read of stored windows: each change to them invalidates it.</summary>
    public static readonly IReadOnlyList<string> Tags = ["voc-windows"];

    public CacheStatus CacheStatus { get; init; }

    public VocStatus StatusAt(DateTimeOffset instant) => VocStatus.At(instant, Windows);

    public VocWindowSnapshot WithCacheStatus(CacheStatus status) =>
        status == CacheStatus ? this : this with { CacheStatus = status };
}
