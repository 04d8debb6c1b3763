using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows.Changes;
using Mediator;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// After a command that changes windows succeeds, drops the cached reads it makes out of date, so
/// the next read sees the write. The last good answers are kept: they are the outage fallback.
/// </summary>
public sealed class CacheInvalidationBehavior<TMessage, TResponse>(
    HybridCache cache,
    CacheStatistics statistics,
    CachedQueries queries,
    WindowChanges changes,
    ILogger<CacheInvalidationBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IInvalidatesCache
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);

        var tags = message.InvalidatedTags.ToArray();
        var cleared = string.Join(',', tags);
        try
        {
            var names = queries.NamesTagged(tags);
            statistics.Cleared(names); // first, so a fetch finishing while the tags are cleared knows to drop what it read
            await cache.RemoveByTagAsync(tags, CancellationToken.None);
            // Queries without parameters are keyed by their name: removing the keys as well drops the shared copies outright.
            await cache.RemoveAsync(names, CancellationToken.None);
            PipelineLog.CachesCleared(logger, cleared);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The write itself succeeded; a shared cache that cannot be reached must not turn it into an error.
            // Cached reads then catch up within their TTL (and the local lifetime on other instances).
            PipelineLog.ClearingFailed(logger, ex, cleared);
        }

        changes.Announce(); // this instance's streams; other instances hear of it from the database
        return response;
    }
}
