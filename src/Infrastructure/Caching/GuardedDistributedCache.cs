using System.Diagnostics.Metrics;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Polly;
using Polly.CircuitBreaker;

namespace LunarVoc.Infrastructure.Caching;

/// <summary>
/// Stands between HybridCache and Redis. Every call goes through the shared-cache breaker
/// (<see cref="ResiliencePipelines.SharedCache"/>): once Redis fails (timeout, lost connection, or an
/// error such as "OOM" from a full server), it is skipped for a few seconds, so a slow or dead Redis
/// costs few requests a timeout. A failed or skipped write — which may be a write's invalidation, so
/// other instances keep an old answer up to the local lifetime and beyond — is never silent: it is
/// counted in a metric, logged as a Warning (at most once a minute), and readiness reports Degraded
/// while failures are recent.
/// </summary>
internal sealed partial class GuardedDistributedCache : IDistributedCache, IDisposable
{
    /// <summary>How long after its last failure the shared cache is reported Degraded.</summary>
    public static readonly TimeSpan DegradedAfterFailure = TimeSpan.FromSeconds(60);

    private readonly IDistributedCache _redis;
    private readonly ResiliencePipeline _breaker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GuardedDistributedCache> _logger;
    private readonly ThrottledLog _log;
    private readonly Counter<long> _failures;
    private long _lastFailureTicks = long.MinValue / 2;

    public GuardedDistributedCache(IDistributedCache redis, ResiliencePipeline breaker, TimeProvider timeProvider, IMeterFactory meters, ILogger<GuardedDistributedCache> logger)
    {
        _redis = redis;
        _breaker = breaker;
        _timeProvider = timeProvider;
        _logger = logger;
        _log = new ThrottledLog(timeProvider, TimeSpan.FromMinutes(1));
        _failures = meters.Create(LunarVocMetrics.MeterName).CreateCounter<long>(
            "lunarvoc.shared_cache.failures", description: "Redis reads and writes that failed or were skipped after a failure");
    }

    /// <summary>The last failure, if it is recent enough to report the shared cache as Degraded.</summary>
    public bool FailedRecently => _timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastFailureTicks) < DegradedAfterFailure.Ticks;

    public byte[]? Get(string key) => Guarded("get", () => _redis.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardedAsync("get", t => _redis.GetAsync(key, t), token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guarded("set", () => { _redis.Set(key, value, options); return true; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardedAsync("set", async t => { await _redis.SetAsync(key, value, options, t); return true; }, token);

    public void Refresh(string key) => Guarded("refresh", () => { _redis.Refresh(key); return true; });

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardedAsync("refresh", async t => { await _redis.RefreshAsync(key, t); return true; }, token);

    public void Remove(string key) => Guarded("remove", () => { _redis.Remove(key); return true; });

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardedAsync("remove", async t => { await _redis.RemoveAsync(key, t); return true; }, token);

    /// <summary>A round trip to Redis for readiness; false when it fails or Redis is being skipped.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var answered = false;
        await GuardedAsync("get", async t => { answered = true; return await _redis.GetAsync("lunarvoc:probe", t); }, cancellationToken);
        return answered && !FailedRecently;
    }

    public void Dispose() => (_redis as IDisposable)?.Dispose();

    private T? Guarded<T>(string operation, Func<T> call)
    {
        try
        {
            return _breaker.Execute(call);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(operation, ex);
            return default;
        }
    }

    private async Task<T?> GuardedAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _breaker.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(operation, ex);
            return default;
        }
    }

    private void Failed(string operation, Exception exception)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));
        var skipped = exception is BrokenCircuitException;
        if (!skipped)
        {
            Interlocked.Exchange(ref _lastFailureTicks, _timeProvider.GetUtcNow().UtcTicks);
        }

        if (_log.ShouldWrite(out var failures))
        {
            LogFailures(_logger, failures, operation, skipped ? "skipped after an earlier failure" : exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Shared cache (Redis): {Failures} calls failed or skipped since the last report, latest a {Operation} ({Reason}); other instances may serve older answers until it recovers")]
    private static partial void LogFailures(ILogger logger, long failures, string operation, string reason);
}
