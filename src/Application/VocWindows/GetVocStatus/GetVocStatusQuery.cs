using LunarVoc.Application.Common.Caching;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetVocStatus;

/// <summary>Whether the Moon is void now, the next window and those of the next 48 hours: the answer for this instant.</summary>
public sealed record GetVocStatusQuery : IQuery<VocAnswer>;

public sealed class GetVocStatusQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<CachingOptions> caching)
    : IQueryHandler<GetVocStatusQuery, VocAnswer>
{
    private static readonly ReadStatusWindowsQuery Read = new();

    public async ValueTask<VocAnswer> Handle(GetVocStatusQuery query, CancellationToken cancellationToken)
    {
        var windows = await sender.Send(Read, cancellationToken);
        return VocAnswer.At(timeProvider.GetUtcNow(), windows, ReadStatusWindowsQuery.Ttl(caching.Value));
    }
}

/// <summary>The windows needed to answer "is the Moon void now, and what comes next". Cached, retried, and served stale when the store fails.</summary>
public sealed record ReadStatusWindowsQuery : IStoreQuery<VocWindowSnapshot>
{
    public static string CacheName => "voc_status";

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocWindowSnapshot.Tags;

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
