using LunarVoc.Application.VocWindows.Changes;

namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// After a command that may change windows succeeds, its effects (<see cref="WindowChangeEffects"/>);
/// a write that changed nothing (a conflict, an identical save) leaves caches and streams alone.
/// </summary>
public sealed class CacheInvalidationBehavior<TMessage, TResponse>(WindowChangeEffects effects)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IInvalidatesCache
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        await effects.ApplyAsync(message.InvalidatedTags, changed: response is not IWindowsChange { ChangedWindows: false });
        return response;
    }
}
