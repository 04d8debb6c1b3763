namespace LunarVoc.Application.VocWindows.GetVocStatus;

/// <summary>
/// Whether the Moon is void now, the next window and those of the next 48 hours. Cached (the windows
/// for the look-ahead, answered again at each request's instant), retried, and served stale when the store fails.
/// </summary>
public sealed record GetVocStatusQuery : IStoreQuery<VocAnswer>
{
    public static string CacheName => "voc_status";

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocWindowSnapshot.Tags;

    public static TimeSpan Ttl(CachingOptions options) => options.StatusTtl;
}

public sealed class GetVocStatusQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> reads,
    IOptions<CachingOptions> caching)
    : IQueryHandler<GetVocStatusQuery, VocAnswer>
{
    public ValueTask<VocAnswer> Handle(GetVocStatusQuery query, CancellationToken cancellationToken) =>
        VocAnswer.ReadAsync(repository, timeProvider, reads.Value.StatusLookahead, GetVocStatusQuery.Ttl(caching.Value), cancellationToken);
}
