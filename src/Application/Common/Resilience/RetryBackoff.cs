namespace LunarVoc.Application.Common.Resilience;

/// <summary>
/// delay(n) = min(base · 2ⁿ, max) · (1 ± jitter), n the 0-based retry: 0.2 s, 0.4 s, 0.8 s … capped at 2 s,
/// each moved by up to ±30 %. Polly's own exponential jitter is a different (decorrelated) formula.
/// </summary>
public static class RetryBackoff
{
    /// <param name="retry">0 for the first retry.</param>
    /// <param name="options">Base, cap and jitter.</param>
    /// <param name="unitRandom">A random number in [0, 1).</param>
    public static TimeSpan Delay(int retry, RetryOptions options, double unitRandom)
    {
        var capped = Math.Min(options.BaseDelaySeconds * Math.Pow(2, retry), options.MaxDelaySeconds);
        var jittered = capped * (1 + (options.JitterFraction * ((2 * unitRandom) - 1)));
        return TimeSpan.FromSeconds(Math.Max(0, jittered));
    }
}
