using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.VocWindows;

/// <summary>How far ahead each read looks when it fetches windows from the store.</summary>
public sealed class VocQueryOptions
{
    public const string SectionName = "VocQueries";

    /// <summary>
    /// Look-ahead of the status read. At least the 48 h of "upcoming", plus room for the answer
    /// to stay complete while it is cached or served stale.
    /// </summary>
    [Range(48, 24 * 365)]
    public int StatusLookaheadHours { get; set; } = 96;

    /// <summary>Look-ahead of the current-window read.</summary>
    [Range(1, 24 * 365)]
    public int CurrentLookaheadHours { get; set; } = 24;

    public TimeSpan StatusLookahead => TimeSpan.FromHours(StatusLookaheadHours);

    public TimeSpan CurrentLookahead => TimeSpan.FromHours(CurrentLookaheadHours);
}
