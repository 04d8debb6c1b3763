using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows.ReadCurrentWindows;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetCurrentVoc;

/// <summary>Whether the Moon is void now, and the window if so: the answer for this instant.</summary>
public sealed record GetCurrentVocQuery : IQuery<VocAnswer>;

/// <summary>Reads the windows (cached, retried, stale when the store fails) and answers for now.</summary>
public sealed class GetCurrentVocQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<CachingOptions> caching)
    : IQueryHandler<GetCurrentVocQuery, VocAnswer>
{
    private static readonly ReadCurrentWindowsQuery Read = new();

    public async ValueTask<VocAnswer> Handle(GetCurrentVocQuery query, CancellationToken cancellationToken)
    {
        var windows = await sender.Send(Read, cancellationToken);
        return VocAnswer.At(timeProvider.GetUtcNow(), windows, Read.Ttl(caching.Value));
    }
}
