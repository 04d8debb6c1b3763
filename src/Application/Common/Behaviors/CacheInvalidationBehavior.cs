using LunarVoc.Application.VocWindows.Changes;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// After a command that may change windows succeeds: the database answered, so the outage breaker
/// closes; and when the windows did change, the cached reads they make out of date are dropped and
/// the change is announced, so the next read and every stream of this instance see the write at once.
/// A write that changed nothing (a conflict, an identical save) leaves caches and streams alone.
/// </summary>
public sealed class CacheInvalidationBehavior<TMessage, TResponse>(
    CacheInvalidations invalidations,
    DatabaseOutage outage,
    WindowChanges changes)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IInvalidatesCache
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (response is not IWindowsChange { ChangedWindows: false })
        {
            await invalidations.InvalidateAsync(message.InvalidatedTags);
            changes.Announce(); // this instance's streams; other instances hear of it from the database
        }

        await outage.EndAsync(); // the database answered
        return response;
    }
}
