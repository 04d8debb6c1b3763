using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.VocWindows.PrefetchVocWindows;

/// <summary>How the service keeps the coming months of computed windows stored ahead of time.</summary>
public sealed class PrefetchOptions
{
    public const string SectionName = "Prefetch";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs; the first runs at start-up.</summary>
    [Range(0.01, 24 * 7)]
    public double IntervalHours { get; set; } = 6;

    /// <summary>How far back from now each run computes (so the current window is always complete).</summary>
    [Range(0, 365)]
    public int DaysBehind { get; set; } = 2;

    /// <summary>How far ahead of now each run computes.</summary>
    [Range(1, 3650)]
    public int DaysAhead { get; set; } = 90;

    /// <summary>The planets whose aspects end a void in the stored windows.</summary>
    [EnumDataType(typeof(PlanetSet))]
    public PlanetSet Planets { get; set; } = PlanetSet.Modern;

    public TimeSpan Interval => TimeSpan.FromHours(IntervalHours);
}
