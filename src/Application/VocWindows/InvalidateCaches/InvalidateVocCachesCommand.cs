using LunarVoc.Application.Common.Caching;
using Mediator;

namespace LunarVoc.Application.VocWindows.InvalidateCaches;

/// <summary>
/// An upstream provider's data changed: drop the cached VoC reads on every instance. The work is
/// the cache-invalidation behavior's (tags and keys, locally and in Redis); the handler has none.
/// </summary>
public sealed record InvalidateVocCachesCommand : ICommand<Unit>, IInvalidatesCache;

public sealed class InvalidateVocCachesCommandHandler : ICommandHandler<InvalidateVocCachesCommand, Unit>
{
    public ValueTask<Unit> Handle(InvalidateVocCachesCommand command, CancellationToken cancellationToken) => Unit.ValueTask;
}
