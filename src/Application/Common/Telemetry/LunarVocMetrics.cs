using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LunarVoc.Application.Common.Telemetry;

/// <summary>
/// The service's own meter ("LunarVoc"): the cache counters the cache statistics report, per cache, as
/// observable counters (one source of truth), the pre-fetch's runs and computed windows, and the
/// webhooks' deliveries, their lag and the messages waiting; the AI assistants' tool calls.
/// </summary>
public sealed class LunarVocMetrics
{
    public const string MeterName = "LunarVoc";

    /// <summary>Spans of the service's own work (cache fetches), children of the request's span.</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Counter<long> _prefetchRuns;
    private readonly Counter<long> _windowsComputed;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookLag;
    private readonly Counter<long> _toolCalls;
    private long _webhooksWaiting;

    public LunarVocMetrics(IMeterFactory meterFactory, CacheStatistics statistics)
    {
        var meter = meterFactory.Create(MeterName);
        Observe(meter, statistics, "lunarvoc.cache.hits", "Cached reads answered from the cache", c => c.Hits);
        Observe(meter, statistics, "lunarvoc.cache.misses", "Cached reads that fetched from the database", c => c.Misses);
        Observe(meter, statistics, "lunarvoc.cache.stale_served", "Answers served stale while the database failed", c => c.StaleServed);
        Observe(meter, statistics, "lunarvoc.db.retries", "Database reads retried after a transient error", c => c.Retries);
        Observe(meter, statistics, "lunarvoc.db.errors", "Database reads that failed after their retries", c => c.DbErrors);
        _prefetchRuns = meter.CreateCounter<long>("lunarvoc.prefetch.runs", description: "Pre-fetch runs, by outcome");
        _windowsComputed = meter.CreateCounter<long>("lunarvoc.prefetch.windows_computed", description: "Windows computed by the pre-fetch");
        _webhookDeliveries = meter.CreateCounter<long>("lunarvoc.webhooks.deliveries", description: "Webhook delivery attempts, by event and outcome");
        _webhookLag = meter.CreateHistogram<double>("lunarvoc.webhooks.lag", unit: "s", description: "From an event's instant to its 2xx answer");
        _toolCalls = meter.CreateCounter<long>("lunarvoc.mcp.tool_calls", description: "MCP tool calls, by tool and outcome (ok, invalid, unavailable, error)");
        meter.CreateObservableGauge("lunarvoc.webhooks.waiting", () => Interlocked.Read(ref _webhooksWaiting), description: "Webhook messages due and not yet delivered, at the delivery loop's last look");
    }

    public void WebhookAttempted(string eventType, string outcome, TimeSpan? lag)
    {
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("event", eventType), new KeyValuePair<string, object?>("outcome", outcome));
        if (lag is { } delivered)
        {
            _webhookLag.Record(Math.Max(0, delivered.TotalSeconds), new KeyValuePair<string, object?>("event", eventType));
        }
    }

    public void ToolCalled(string tool, string outcome) =>
        _toolCalls.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("outcome", outcome));

    public void WebhooksWaiting(long count) => Interlocked.Exchange(ref _webhooksWaiting, count);

    public void PrefetchRan(string outcome, int windowsComputed)
    {
        _prefetchRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _windowsComputed.Add(windowsComputed);
    }

    private static void Observe(Meter meter, CacheStatistics statistics, string name, string description, Func<CacheCounters, long> value) =>
        meter.CreateObservableCounter(
            name,
            () => statistics.All.Select(cache => new Measurement<long>(value(cache.Value), new KeyValuePair<string, object?>("cache", cache.Key))),
            description: description);
}
