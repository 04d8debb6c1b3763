using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetCurrentVoc;

/// <summary>The windows needed to answer "is the Moon void now".</summary>
public sealed record GetCurrentVocQuery : ICachedQuery<VocWindowSnapshot>
{
    public string CacheName => CacheNames.VocCurrent;

    public TimeSpan Ttl(CachingOptions options) => options.CurrentTtl;
}

public sealed class GetCurrentVocQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<GetCurrentVocQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(GetCurrentVocQuery query, CancellationToken cancellationToken) =>
        repository.ReadSnapshotAsync(timeProvider, options.Value.CurrentLookahead, cancellationToken);
}
