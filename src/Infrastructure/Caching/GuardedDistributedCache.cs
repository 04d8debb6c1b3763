using System.Diagnostics.Metrics;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace LunarVoc.Infrastructure.Caching;

/// <summary>
/// Stands between HybridCache and Redis. After a Redis call fails (timeout, lost connection, or an
/// error such as "OOM" from a full server), calls skip Redis for <see cref="SkipAfterFailure"/>, so a
/// slow or dead Redis costs a request at most one timeout. A failed or skipped write — which may be
/// a write's invalidation, so other instances keep an old answer up to the local lifetime and beyond —
/// is never silent: it is counted in a metric, logged as a Warning (at most once a minute), and
/// readiness reports Degraded while failures are recent.
/// </summary>
internal sealed partial class GuardedDistributedCache : IDistributedCache, IDisposable
{
    public static readonly TimeSpan SkipAfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>How long after its last failure the shared cache is reported Degraded.</summary>
    public static readonly TimeSpan DegradedAfterFailure = TimeSpan.FromSeconds(60);

    private readonly IDistributedCache _redis;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GuardedDistributedCache> _logger;
    private readonly ThrottledLog _log;
    private readonly Counter<long> _failures;
    private long _lastFailureTicks;

    public GuardedDistributedCache(IDistributedCache redis, TimeProvider timeProvider, IMeterFactory meters, ILogger<GuardedDistributedCache> logger)
    {
        _redis = redis;
        _timeProvider = timeProvider;
        _logger = logger;
        _log = new ThrottledLog(timeProvider, TimeSpan.FromMinutes(1));
        _failures = meters.Create(LunarVocMetrics.MeterName).CreateCounter<long>(
            "lunarvoc.shared_cache.failures", description: "Redis reads and writes that failed or were skipped after a failure");
    }

    /// <summary>The last failure, if it is recent enough to report the shared cache as Degraded.</summary>
    public bool FailedRecently => _timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastFailureTicks) < DegradedAfterFailure.Ticks;

    public byte[]? Get(string key) => Read(key, () => _redis.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => ReadAsync(key, () => _redis.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Write("set", () => _redis.Set(key, value, options));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        WriteAsync("set", () => _redis.SetAsync(key, value, options, token));

    public void Refresh(string key) => Write("refresh", () => _redis.Refresh(key));

    public Task RefreshAsync(string key, CancellationToken token = default) => WriteAsync("refresh", () => _redis.RefreshAsync(key, token));

    public void Remove(string key) => Write("remove", () => _redis.Remove(key));

    public Task RemoveAsync(string key, CancellationToken token = default) => WriteAsync("remove", () => _redis.RemoveAsync(key, token));

    /// <summary>A round trip to Redis for readiness; false when it fails or Redis is being skipped.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (Skipping)
        {
            return false;
        }

        await ReadAsync("lunarvoc:probe", () => _redis.GetAsync("lunarvoc:probe", cancellationToken));
        return !Skipping;
    }

    public void Dispose() => (_redis as IDisposable)?.Dispose();

    private bool Skipping => _timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastFailureTicks) < SkipAfterFailure.Ticks;

    private byte[]? Read(string key, Func<byte[]?> read)
    {
        if (Skipping)
        {
            return null;
        }

        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed("get", ex);
            return null;
        }
    }

    private async Task<byte[]?> ReadAsync(string key, Func<Task<byte[]?>> read)
    {
        if (Skipping)
        {
            return null;
        }

        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed("get", ex);
            return null;
        }
    }

    private void Write(string operation, Action write)
    {
        if (Skipping)
        {
            Failed(operation, null);
            return;
        }

        try
        {
            write();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(operation, ex);
        }
    }

    private async Task WriteAsync(string operation, Func<Task> write)
    {
        if (Skipping)
        {
            Failed(operation, null);
            return;
        }

        try
        {
            await write();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(operation, ex);
        }
    }

    private void Failed(string operation, Exception? exception)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));
        if (exception is not null)
        {
            Interlocked.Exchange(ref _lastFailureTicks, _timeProvider.GetUtcNow().UtcTicks);
        }

        if (_log.ShouldWrite(out var failures))
        {
            LogFailures(_logger, failures, operation, exception?.Message ?? "skipped after an earlier failure");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Shared cache (Redis): {Failures} calls failed or skipped since the last report, latest a {Operation} ({Reason}); other instances may serve older answers until it recovers")]
    private static partial void LogFailures(ILogger logger, long failures, string operation, string reason);
}
