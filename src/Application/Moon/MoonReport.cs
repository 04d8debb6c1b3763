using System.ComponentModel;

namespace LunarVoc.Application.Moon;

/// <summary>
/// The Moon at one instant: where it is (<see cref="Sky"/>), the principal phases around it, its
/// next ingress, the void-of-course window it is in, and when any of these next changes by itself.
/// </summary>
/// <param name="At">The instant described.</param>
/// <param name="Sky">The Moon and the Sun seen from the Earth's centre: sign, degree, phase and illuminated fraction follow.</param>
/// <param name="PreviousNewMoon">The last new Moon at or before <paramref name="At"/>.</param>
/// <param name="NextPhases">The next new Moon, first quarter, full Moon and last quarter after <paramref name="At"/>, in that order.</param>
/// <param name="NextIngress">The sign the Moon enters next, and when.</param>
/// <param name="Void">The computed void-of-course window containing <paramref name="At"/>, if any.</param>
/// <param name="NextChange">The first instant after <paramref name="At"/> at which the sign, the named phase, the void or a next event changes.</param>
/// <param name="FetchedAt">When the report was computed.</param>
[ImmutableObject(true)] // the cache may hand out this instance instead of a copy per hit
public sealed record MoonReport(
    DateTimeOffset At,
    MoonAndSun Sky,
    DateTimeOffset PreviousNewMoon,
    ImmutableArray<LunarPhase> NextPhases,
    MoonIngress NextIngress,
    ComputedVocWindow? Void,
    DateTimeOffset NextChange,
    DateTimeOffset FetchedAt) : ICacheableResponse<MoonReport>
{
    public CacheStatus CacheStatus { get; init; }

    /// <summary>Days since the last new Moon.</summary>
    public double AgeDays => (At - PreviousNewMoon).TotalDays;

    public DateTimeOffset Next(MoonPhase phase) => NextPhases.First(next => next.Phase == phase).At;

    public MoonReport WithCacheStatus(CacheStatus status) => status == CacheStatus ? this : this with { CacheStatus = status };
}
