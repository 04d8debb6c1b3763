using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.ReadStatusWindows;

/// <summary>The windows needed to answer "is the Moon void now, and what comes next".</summary>
public sealed record ReadStatusWindowsQuery : IStoreQuery<VocWindowSnapshot>
{
    public static string CacheName => VocCaches.Status;

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocCaches.WindowTags;

    public static TimeSpan Ttl(CachingOptions options) => options.StatusTtl;
}

public sealed class ReadStatusWindowsQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<ReadStatusWindowsQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(ReadStatusWindowsQuery query, CancellationToken cancellationToken) =>
        VocWindowSnapshot.ReadAsync(repository, timeProvider, options.Value.StatusLookahead, cancellationToken);
}
