using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetCurrentVoc;

/// <summary>Whether the Moon is void now, and the window if so: the answer for this instant.</summary>
public sealed record GetCurrentVocQuery : IQuery<VocAnswer>;

public sealed class GetCurrentVocQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<CachingOptions> caching)
    : IQueryHandler<GetCurrentVocQuery, VocAnswer>
{
    private static readonly ReadCurrentWindowsQuery Read = new();

    public async ValueTask<VocAnswer> Handle(GetCurrentVocQuery query, CancellationToken cancellationToken)
    {
        var windows = await sender.Send(Read, cancellationToken);
        return VocAnswer.At(timeProvider.GetUtcNow(), windows, ReadCurrentWindowsQuery.Ttl(caching.Value));
    }
}

/// <summary>The windows needed to answer "is the Moon void now". Cached, retried, and served stale when the store fails.</summary>
public sealed record ReadCurrentWindowsQuery : IStoreQuery<VocWindowSnapshot>
{
    public static string CacheName => "voc_current";

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocWindowSnapshot.Tags;

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
