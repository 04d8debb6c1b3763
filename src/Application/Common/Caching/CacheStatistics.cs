using System.Collections.Concurrent;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// What this instance knows about each cached read: when its value was fetched and what happened
/// since start-up. HybridCache exposes no entry age, so it is recorded here.
/// </summary>
public sealed class CacheStatistics(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, CacheCounters> _caches = new(StringComparer.Ordinal);

    public CacheCounters For(string cacheName) => _caches.GetOrAdd(cacheName, static _ => new CacheCounters());

    /// <summary>Every cache seen so far, with its counters.</summary>
    public IEnumerable<KeyValuePair<string, CacheCounters>> All => _caches;

    public void Cleared(IEnumerable<string> cacheNames)
    {
        foreach (var name in cacheNames)
        {
            For(name).Clear();
        }
    }

    public CacheEntryStats Describe(string cacheName, TimeSpan ttl)
    {
        var counters = For(cacheName);
        var now = timeProvider.GetUtcNow();
        var fetchedAt = counters.FetchedAt;
        var age = fetchedAt is { } at ? (long?)Math.Max(0, (long)(now - at).TotalSeconds) : null;
        return new CacheEntryStats(
            HasData: counters.HoldsValue && fetchedAt is { } fetched && now - fetched < ttl,
            AgeSeconds: age,
            Ttl: (int)ttl.TotalSeconds,
            Hits: counters.Hits,
            Misses: counters.Misses,
            StaleServed: counters.StaleServed,
            Retries: counters.Retries,
            DbErrors: counters.DbErrors,
            LastErrorAt: counters.LastErrorAt);
    }
}

/// <summary>Thread-safe counters of one cache.</summary>
public sealed class CacheCounters
{
    private long _hits;
    private long _misses;
    private long _staleServed;
    private long _retries;
    private long _dbErrors;
    private long _fetchedAtTicks = -1;
    private long _lastErrorAtTicks = -1;
    private int _holdsValue;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long StaleServed => Interlocked.Read(ref _staleServed);

    public long Retries => Interlocked.Read(ref _retries);

    public long DbErrors => Interlocked.Read(ref _dbErrors);

    public bool HoldsValue => Volatile.Read(ref _holdsValue) == 1;

    public DateTimeOffset? FetchedAt => FromTicks(Interlocked.Read(ref _fetchedAtTicks));

    public DateTimeOffset? LastErrorAt => FromTicks(Interlocked.Read(ref _lastErrorAtTicks));

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void ServedStale() => Interlocked.Increment(ref _staleServed);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Fetched(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _fetchedAtTicks, at.UtcTicks);
        Volatile.Write(ref _holdsValue, 1);
    }

    public void Failed(DateTimeOffset at)
    {
        Interlocked.Increment(ref _dbErrors);
        Interlocked.Exchange(ref _lastErrorAtTicks, at.UtcTicks);
    }

    public void Clear() => Volatile.Write(ref _holdsValue, 0);

    private static DateTimeOffset? FromTicks(long ticks) => ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}

/// <summary>One cache's state: whether it holds a fresh value, its age and TTL in seconds, and its counters.</summary>
public sealed record CacheEntryStats(
    bool HasData,
    long? AgeSeconds,
    int Ttl,
    long Hits = 0,
    long Misses = 0,
    long StaleServed = 0,
    long Retries = 0,
    long DbErrors = 0,
    DateTimeOffset? LastErrorAt = null);
