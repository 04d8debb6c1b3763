using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.Common.Resilience;

/// <summary>Retries of database reads after transient failures, and the time budget of a request's database work.</summary>
public sealed class RetryOptions
{
    public const string SectionName = "Retry";

    /// <summary>Retries after the first attempt.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(0.001, 60)]
    public double BaseDelaySeconds { get; set; } = 0.2;

    [Range(0.001, 600)]
    public double MaxDelaySeconds { get; set; } = 2.0;

    /// <summary>Each delay is moved by up to this fraction either way, so clients do not retry in step.</summary>
    [Range(0, 1)]
    public double JitterFraction { get; set; } = 0.3;

    /// <summary>
    /// Each database call — connecting and its statements — ends within this many seconds; past it the
    /// data source counts as unavailable (not retried: the last good answer, or the failure).
    /// </summary>
    [Range(0.1, 60)]
    public double BudgetSeconds { get; set; } = 5;

    public TimeSpan Budget => TimeSpan.FromSeconds(BudgetSeconds);
}
