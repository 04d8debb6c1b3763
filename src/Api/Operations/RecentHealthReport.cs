using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LunarVoc.Api.Operations;

/// <summary>
/// Readiness from a report at most <see cref="MaxAge"/> old, with one check running at a time:
/// however often probes arrive, the database sees one readiness check per interval.
/// </summary>
internal sealed class RecentHealthReport(HealthCheckService checks, TimeProvider timeProvider)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private Report? _latest;

    public Task<HealthReport> GetAsync()
    {
        var latest = Volatile.Read(ref _latest);
        var now = timeProvider.GetUtcNow();
        if (latest is not null && (!latest.Result.IsCompleted || now - latest.StartedAt < MaxAge))
        {
            return latest.Result;
        }

        var started = new Report(now);
        if (Interlocked.CompareExchange(ref _latest, started, latest) != latest)
        {
            return Volatile.Read(ref _latest)!.Result; // another caller started the check first
        }

        _ = started.RunAsync(checks);
        return started.Result;
    }

    private sealed class Report(DateTimeOffset startedAt)
    {
        private readonly TaskCompletionSource<HealthReport> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset StartedAt { get; } = startedAt;

        public Task<HealthReport> Result => _result.Task;

        public async Task RunAsync(HealthCheckService checks)
        {
            try
            {
                _result.SetResult(await checks.CheckHealthAsync());
            }
            catch (Exception ex)
            {
                _result.SetException(ex);
            }
        }
    }
}
