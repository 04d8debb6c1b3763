namespace LunarVoc.Application.VocWindows.GetVocWindow;

/// <summary>One stored window by its id, or null when there is none.</summary>
public sealed record GetVocWindowQuery(long Id) : IQuery<VocWindow?>;

public sealed class GetVocWindowQueryHandler(IVocWindowRepository repository)
    : IQueryHandler<GetVocWindowQuery, VocWindow?>
{
    public async ValueTask<VocWindow?> Handle(GetVocWindowQuery query, CancellationToken cancellationToken) =>
        await repository.GetByIdAsync(query.Id, cancellationToken);
}
