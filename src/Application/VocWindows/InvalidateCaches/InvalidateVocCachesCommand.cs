using LunarVoc.Application.Common.Caching;
using Mediator;

namespace LunarVoc.Application.VocWindows.InvalidateCaches;

/// <summary>
/// An upstream provider's data changed: drop the cached VoC reads on every instance. The work is
/// the cache-invalidation behavior's (tags and keys, locally and in the shared cache); the handler says which
/// caches that was.
/// </summary>
public sealed record InvalidateVocCachesCommand : ICommand<IReadOnlyList<string>>, IInvalidatesCache
{
    public IReadOnlyList<string> InvalidatedTags => VocWindowSnapshot.Tags;
}

public sealed class InvalidateVocCachesCommandHandler(CachedQueries queries) : ICommandHandler<InvalidateVocCachesCommand, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(InvalidateVocCachesCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(queries.NamesTagged(command.InvalidatedTags));
}
