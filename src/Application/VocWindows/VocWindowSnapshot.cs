using System.Collections.Immutable;
using System.ComponentModel;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows;

/// <summary>
/// The windows read from the store at <see cref="FetchedAt"/>, covering enough time ahead that
/// the status can be derived from them for any later instant while they are in use.
/// Immutable, so a cache can hand out the same instance to every caller.
/// </summary>
[ImmutableObject(true)]
public sealed record VocWindowSnapshot(ImmutableArray<VocWindow> Windows, DateTimeOffset FetchedAt)
{
    public VocStatus StatusAt(DateTimeOffset instant) => VocStatus.At(instant, Windows);
}
