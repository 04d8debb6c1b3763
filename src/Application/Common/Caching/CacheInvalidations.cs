using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;

namespace LunarVoc.Application.Common.Caching;

/// <summary>
/// Drops the cached answers that a change makes out of date, here and in the shared cache, and stamps
/// each tag (<see cref="TagStamp"/>): a fetch that saw its tags' stamps move while it read may hold data
/// from before the change, so the caching behavior does not keep it. Logged as a summary at most once
/// a minute, however many come.
/// </summary>
public sealed partial class CacheInvalidations(
    HybridCache cache,
    CachedQueries queries,
    CacheStatistics statistics,
    TimeProvider timeProvider,
    ILogger<CacheInvalidations> logger)
{
    private readonly ThrottledLog _cleared = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ThrottledLog _failed = new(timeProvider, TimeSpan.FromMinutes(1));
    // One per tag named in code (a handful), never per request.
    private readonly ConcurrentDictionary<string, TagStamp> _stamps = new(StringComparer.Ordinal);

    /// <summary>The invalidations of these tags so far: a cached query keeps its tags' stamps and compares them around a fetch.</summary>
    public TagStamps For(IReadOnlyList<string> tags) => new([.. tags.Select(For)]);

    private TagStamp For(string tag) => _stamps.GetOrAdd(tag, static _ => new TagStamp());

    public async Task InvalidateAsync(IReadOnlyList<string> tags)
    {
        var names = queries.NamesTagged(tags);
        var cleared = string.Join(',', tags);
        var now = timeProvider.GetUtcNow();
        foreach (var tag in tags)
        {
            For(tag).Mark(now); // first, so a fetch finishing while the tags are cleared knows to drop what it read
        }

        statistics.Cleared(names);
        try
        {
            await cache.RemoveByTagAsync(tags, CancellationToken.None);
            // Queries without parameters are keyed by their name: removing the keys as well drops the shared copies outright.
            await cache.RemoveAsync(names, CancellationToken.None);
            if (_cleared.ShouldWrite(out var occurrences))
            {
                LogCleared(logger, occurrences, cleared);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change itself happened; a shared cache that cannot be reached must not turn it into an error.
            // Cached reads then catch up within their TTL (and the local lifetime on other instances).
            if (_failed.ShouldWrite(out var occurrences))
            {
                LogFailed(logger, ex, occurrences, cleared);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caches cleared {Occurrences} times since the last report (latest: tags {Tags})")]
    private static partial void LogCleared(ILogger logger, long occurrences, string tags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear caches {Tags} ({Occurrences} times since the last report); cached reads catch up within their TTL")]
    private static partial void LogFailed(ILogger logger, Exception exception, long occurrences, string tags);
}
