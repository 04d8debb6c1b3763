using System.Collections.Immutable;
using System.ComponentModel;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows;

/// <summary>
/// The windows read from the store at <see cref="FetchedAt"/>, covering enough time ahead that
/// the status can be derived from them for any later instant while they are in use.
/// Immutable, so a cache can hand out the same instance to every caller.
/// </summary>
[ImmutableObject(true)]
public sealed record VocWindowSnapshot(ImmutableArray<VocWindow> Windows, DateTimeOffset FetchedAt)
    : ICacheableResponse<VocWindowSnapshot>
{
    /// <summary>The cache tag of every read of stored windows: each change to them invalidates it.</summary>
    public static readonly IReadOnlyList<string> Tags = ["voc-windows"];

    public CacheStatus CacheStatus { get; init; }

    public VocStatus StatusAt(DateTimeOffset instant) => VocStatus.At(instant, Windows);

    public VocWindowSnapshot WithCacheStatus(CacheStatus status) =>
        status == CacheStatus ? this : this with { CacheStatus = status };
}
