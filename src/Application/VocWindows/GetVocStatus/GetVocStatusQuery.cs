using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows.ReadStatusWindows;
using Mediator;
using Microsoft.Extensions.Options;

namespace LunarVoc.Application.VocWindows.GetVocStatus;

/// <summary>Whether the Moon is void now, the next window and those of the next 48 hours: the answer for this instant.</summary>
public sealed record GetVocStatusQuery : IQuery<VocAnswer>;

public sealed class GetVocStatusQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<CachingOptions> caching)
    : IQueryHandler<GetVocStatusQuery, VocAnswer>
{
    private static readonly ReadStatusWindowsQuery Read = new();

    public ValueTask<VocAnswer> Handle(GetVocStatusQuery query, CancellationToken cancellationToken) =>
        VocAnswer.ReadAsync(sender, Read, timeProvider, caching.Value, cancellationToken);
}
