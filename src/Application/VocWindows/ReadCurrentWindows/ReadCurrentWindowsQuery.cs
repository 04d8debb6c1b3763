using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.ReadCurrentWindows;

/// <summary>The windows needed to answer "is the Moon void now".</summary>
public sealed record ReadCurrentWindowsQuery : ICachedQuery<VocWindowSnapshot>
{
    public string CacheName => VocCaches.Current;

    public IReadOnlyList<string> Tags => VocCaches.WindowTags;

    public TimeSpan Ttl(CachingOptions options) => options.CurrentTtl;
}

public sealed class ReadCurrentWindowsQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<ReadCurrentWindowsQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(ReadCurrentWindowsQuery query, CancellationToken cancellationToken) =>
        repository.ReadSnapshotAsync(timeProvider, options.Value.CurrentLookahead, cancellationToken);
}
