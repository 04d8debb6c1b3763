namespace LunarVoc.Application.VocWindows.ListVocWindows;

/// <summary>A page of stored windows overlapping [From, To), ordered by start, after the window starting at After.</summary>
public sealed record ListVocWindowsQuery(DateTimeOffset From, DateTimeOffset To, DateTimeOffset? After, int Limit)
    : IQuery<VocWindowPage>, IValidated
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(3653);
}

/// <summary>A page of windows, and the start of its last window when more may follow (null on the last page).</summary>
public sealed record VocWindowPage(ImmutableArray<VocWindow> Windows, DateTimeOffset? NextAfter);

public sealed class ListVocWindowsQueryHandler(IVocWindowRepository repository)
    : IQueryHandler<ListVocWindowsQuery, VocWindowPage>
{
    public async ValueTask<VocWindowPage> Handle(ListVocWindowsQuery query, CancellationToken cancellationToken)
    {
        // One row more than asked tells whether another page follows.
        var rows = await repository.ListAsync(query.From, query.To, query.After, query.Limit + 1, cancellationToken);
        return rows.Length > query.Limit
            ? new VocWindowPage(rows[..query.Limit], rows[query.Limit - 1].StartAt)
            : new VocWindowPage(rows, null);
    }
}
