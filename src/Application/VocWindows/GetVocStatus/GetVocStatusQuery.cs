using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetVocStatus;

/// <summary>The windows needed to answer "is the Moon void now, and what comes next".</summary>
public sealed record GetVocStatusQuery : ICachedQuery<VocWindowSnapshot>
{
    public string CacheName => CacheNames.VocStatus;

    public TimeSpan Ttl(CachingOptions options) => options.StatusTtl;
}

public sealed class GetVocStatusQueryHandler(
    IVocWindowRepository repository,
    TimeProvider timeProvider,
    IOptions<VocQueryOptions> options)
    : IQueryHandler<GetVocStatusQuery, VocWindowSnapshot>
{
    public ValueTask<VocWindowSnapshot> Handle(GetVocStatusQuery query, CancellationToken cancellationToken) =>
        repository.ReadSnapshotAsync(timeProvider, options.Value.StatusLookahead, cancellationToken);
}
