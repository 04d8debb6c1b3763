using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.Common.Caching;

/// <summary>How long each cached read stays fresh.</summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    [Range(1, 86_400)]
    public int StatusTtlSeconds { get; set; } = 120;

    [Range(1, 86_400)]
    public int CurrentTtlSeconds { get; set; } = 60;

    public TimeSpan StatusTtl => TimeSpan.FromSeconds(StatusTtlSeconds);

    public TimeSpan CurrentTtl => TimeSpan.FromSeconds(CurrentTtlSeconds);
}
