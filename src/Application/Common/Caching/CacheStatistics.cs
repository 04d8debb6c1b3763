using System.Collections.Concurrent;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// What this instance knows about each cached read: when its value was last fetched.
/// The cache itself exposes no entry age, so it is recorded here.
/// </summary>
public sealed class CacheStatistics(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _fetchedAt = new(StringComparer.Ordinal);

    public void RecordFetch(string cacheName, DateTimeOffset fetchedAt) => _fetchedAt[cacheName] = fetchedAt;

    public CacheEntryStats Describe(string cacheName, TimeSpan ttl)
    {
        var ttlSeconds = (int)ttl.TotalSeconds;
        if (!_fetchedAt.TryGetValue(cacheName, out var fetchedAt))
        {
            return new CacheEntryStats(HasData: false, AgeSeconds: null, Ttl: ttlSeconds);
        }

        var age = timeProvider.GetUtcNow() - fetchedAt;
        return new CacheEntryStats(HasData: true, AgeSeconds: (long)Math.Max(0, age.TotalSeconds), Ttl: ttlSeconds);
    }
}

/// <summary>One cache's state: whether it holds a value, how old it is in seconds, its TTL in seconds.</summary>
public sealed record CacheEntryStats(bool HasData, long? AgeSeconds, int Ttl);
