using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows.ReadCurrentWindows;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetCurrentVoc;

/// <summary>Whether the Moon is void now, and the window if so: the answer for this instant.</summary>
public sealed record GetCurrentVocQuery : IQuery<VocAnswer>;

public sealed class GetCurrentVocQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<CachingOptions> caching)
    : IQueryHandler<GetCurrentVocQuery, VocAnswer>
{
    private static readonly ReadCurrentWindowsQuery Read = new();

    public ValueTask<VocAnswer> Handle(GetCurrentVocQuery query, CancellationToken cancellationToken) =>
        VocAnswer.ReadAsync(sender, Read, timeProvider, caching.Value, cancellationToken);
}
