using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using LunarVoc.Application.Common.Telemetry;

namespace LunarVoc.Api.Security;

/// <summary>
/// Wrong API keys, per client address: after <see cref="RateLimitOptions.FailedKeysPerWindow"/> of them
/// in a window the client's writes are refused (429) without looking at the key, so keys cannot be
/// guessed at speed. Failures are counted in a metric and logged as a Warning at most once a minute.
/// </summary>
/// <remarks>
/// The limiter keeps a partition only while its window is in use (idle ones are dropped), so a flood
/// of distinct addresses holds one small entry per address for one window at most.
/// </remarks>
public sealed partial class FailedAuthentications : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ThrottledLog _log;
    private readonly Counter<long> _failures;
    private readonly ILogger<FailedAuthentications> _logger;

    public FailedAuthentications(IOptions<RateLimitOptions> options, TimeProvider timeProvider, IMeterFactory meters, ILogger<FailedAuthentications> logger)
    {
        _options = options.Value;
        _logger = logger;
        _log = new ThrottledLog(timeProvider, TimeSpan.FromMinutes(1));
        _failures = meters.Create(LunarVocMetrics.MeterName).CreateCounter<long>("lunarvoc.auth.failures", description: "Writes refused for a wrong API key");
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.FailedKeysPerWindow,
            Window = _options.Window,
            QueueLimit = 0,
        }));
    }

    /// <summary>True when the client has used up its failures for now; then <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsLockedOut(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_options.Enabled)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(client, 0);
        if (lease.IsAcquired)
        {
            return false;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        return true;
    }

    public void Record(string client)
    {
        _failures.Add(1);
        if (_options.Enabled)
        {
            using var lease = _limiter.AttemptAcquire(client, 1);
        }

        if (_log.ShouldWrite(out var failures))
        {
            LogFailures(_logger, failures, client);
        }
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failures} writes refused for a wrong API key since the last report (latest from {Client})")]
    private static partial void LogFailures(ILogger logger, long failures, string client);
}
