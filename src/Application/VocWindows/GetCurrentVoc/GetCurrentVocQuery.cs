namespace LunarVoc.Application.VocWindows.GetCurrentVoc;

/// <summary>
/// Whether the Moon is void now, and the window if so. Cached (the windows for a shorter look-ahead,
/// answered again at each request's instant), retried, and served stale when the store fails.
/// </summary>
public sealed record GetCurrentVocQuery : IStoreQuery<VocAnswer>
{
    public static string CacheName => "voc_current";

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocWindowSnapshot.Tags;

    public static TimeSpan Ttl(CachingOptions options) => options.CurrentTtl;
}

public sealed class GetCurrentVocQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> reads,
    IOptions<CachingOptions> caching)
    : IQueryHandler<GetCurrentVocQuery, VocAnswer>
{
    public ValueTask<VocAnswer> Handle(GetCurrentVocQuery query, CancellationToken cancellationToken) =>
        VocAnswer.ReadAsync(repository, timeProvider, reads.Value.CurrentLookahead, GetCurrentVocQuery.Ttl(caching.Value), cancellationToken);
}
