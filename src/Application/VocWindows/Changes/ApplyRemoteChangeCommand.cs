namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// Another instance (or this one) changed the stored windows: drop this instance's cached reads
/// and wake its streams. The work is the cache-invalidation behavior's; nothing is published again.
/// </summary>
public sealed record ApplyRemoteChangeCommand : ICommand, IInvalidatesCache
{
    public IReadOnlyList<string> InvalidatedTags => VocWindowSnapshot.Tags;
}

public sealed class ApplyRemoteChangeCommandHandler : ICommandHandler<ApplyRemoteChangeCommand>
{
    public ValueTask<Unit> Handle(ApplyRemoteChangeCommand command, CancellationToken cancellationToken) => Unit.ValueTask;
}
