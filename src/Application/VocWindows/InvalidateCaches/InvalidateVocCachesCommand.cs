using LunarVoc.Application.VocWindows.Changes;

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

public sealed class InvalidateVocCachesCommandHandler(CachedQueries queries, IWindowChangeFeed changeFeed)
    : ICommandHandler<InvalidateVocCachesCommand, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(InvalidateVocCachesCommand command, CancellationToken cancellationToken)
    {
        await changeFeed.PublishAsync(WindowChange.ByProvider, cancellationToken); // every other instance drops its copies too, at once; subscribers hear of it
        return queries.NamesTagged(command.InvalidatedTags);
    }
}
