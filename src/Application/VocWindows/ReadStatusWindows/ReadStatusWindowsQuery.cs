using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.ReadStatusWindows;

/// <summary>The windows needed to answer "is the Moon void now, and what comes next".</summary>
public sealed record ReadStatusWindowsQuery : ICachedQuery<VocWindowSnapshot>
{
    public string CacheName => VocCaches.Status;

    public IReadOnlyList<string> Tags => VocCaches.WindowTags;

    public TimeSpan Ttl(CachingOptions options) => options.StatusTtl;
}

public sealed class ReadStatusWindowsQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<ReadStatusWindowsQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(ReadStatusWindowsQuery query, CancellationToken cancellationToken) =>
        repository.ReadSnapshotAsync(timeProvider, options.Value.StatusLookahead, cancellationToken);
}
