using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.ReadCurrentWindows;

/// <summary>The windows needed to answer "is the Moon void now".</summary>
public sealed record ReadCurrentWindowsQuery : IStoreQuery<VocWindowSnapshot>
{
    public static string CacheName => VocCaches.Current;

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocCaches.WindowTags;

    public static TimeSpan Ttl(CachingOptions options) => options.CurrentTtl;
}

public sealed class ReadCurrentWindowsQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<ReadCurrentWindowsQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(ReadCurrentWindowsQuery query, CancellationToken cancellationToken) =>
        VocWindowSnapshot.ReadAsync(repository, timeProvider, options.Value.CurrentLookahead, cancellationToken);
}
