using LunarVoc.Application.Common.Caching;
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
    ILogger<CacheInvalidationBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IInvalidatesCache
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);

        var tags = message.InvalidatedTags.ToArray();
        await cache.RemoveByTagAsync(tags, CancellationToken.None);
        statistics.Cleared();
        var cleared = string.Join(',', tags);
        PipelineLog.CachesCleared(logger, cleared);
        return response;
    }
}
