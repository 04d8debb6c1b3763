using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Api.Contracts;

/// <summary>A void-of-course window: the Moon is void from start_at (inclusive) to end_at (exclusive).</summary>
/// <param name="Id" example="17">The stored window's id.</param>
/// <param name="StartAt" example="2026-11-24T03:10:00Z">When the Moon becomes void (UTC).</param>
/// <param name="EndAt" example="2026-11-24T19:42:00Z">When the Moon enters the next sign (UTC).</param>
/// <param name="Source" example="ephemeris">Who supplied the window.</param>
public sealed record VocWindowResponse(long Id, DateTimeOffset StartAt, DateTimeOffset EndAt, string Source)
{
    public static VocWindowResponse From(VocWindow window) =>
        new(window.Id, window.StartAt, window.EndAt, window.Source);

    public static VocWindowResponse? FromOptional(VocWindow? window) => window is null ? null : From(window);
}
