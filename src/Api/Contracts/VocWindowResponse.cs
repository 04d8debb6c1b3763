using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Api.Contracts;

/// <summary>A void-of-course window: the Moon is void from start_at (inclusive) to end_at (exclusive).</summary>
/// <param name="Id" example="17">The stored window's id.</param>
/// <param name="StartAt" example="2026-11-24T03:10:00Z">When the Moon becomes void (UTC).</param>
/// <param name="EndAt" example="2026-11-24T19:42:00Z">When the Moon enters the next sign (UTC).</param>
/// <param name="Source" example="ephemeris">Who supplied the window ("ephemeris" when the service computed it).</param>
/// <param name="Sign" example="Leo">The sign the Moon is void in; null when the window was posted without it.</param>
/// <param name="NextSign" example="Virgo">The sign the Moon enters at end_at; null when unknown.</param>
/// <param name="LastAspect">The aspect that began the void; null when none did in the sign, or when unknown.</param>
public sealed record VocWindowResponse(
    long Id, DateTimeOffset StartAt, DateTimeOffset EndAt, string Source, string? Sign, string? NextSign, LastAspectResponse? LastAspect)
{
    public static VocWindowResponse From(VocWindow window) =>
        new(
            window.Id,
            window.StartAt,
            window.EndAt,
            window.Source,
            window.Details?.Sign.ToString(),
            window.Details?.NextSign.ToString(),
            LastAspectResponse.From(window.Details?.LastAspect));

    public static VocWindowResponse? FromOptional(VocWindow? window) => window is null ? null : From(window);
}
