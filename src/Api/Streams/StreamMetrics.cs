using System.Diagnostics.Metrics;
using LunarVoc.Application.Common.Telemetry;

namespace LunarVoc.Api.Streams;

/// <summary>The streams on /metrics: how many are open, events written, and how long after a change they were written.</summary>
public sealed class StreamMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _sent;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _closedSlow;
    private readonly Counter<long> _readFailures;

    public StreamMetrics(IMeterFactory meterFactory, StreamSlots slots)
    {
        var meter = meterFactory.Create(LunarVocMetrics.MeterName);
        meter.CreateObservableUpDownCounter("lunarvoc.streams.open", () => slots.Open, description: "Status streams open");
        _published = meter.CreateCounter<long>("lunarvoc.streams.changes", description: "Status changes published to the streams");
        _sent = meter.CreateCounter<long>("lunarvoc.streams.events_sent", description: "Status events written to streams");
        _closedSlow = meter.CreateCounter<long>("lunarvoc.streams.closed_slow", description: "Status streams closed because their client did not take a write in time");
        _readFailures = meter.CreateCounter<long>("lunarvoc.streams.read_failures", description: "Status reads for the streams that failed with an error of no known kind (the streams keep their last event)");
        _lag = meter.CreateHistogram<double>(
            "lunarvoc.streams.delivery_lag",
            unit: "s",
            description: "From a change's publication to its event written on a stream",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Published() => _published.Add(1);

    public void ClosedSlow() => _closedSlow.Add(1);

    public void ReadFailed() => _readFailures.Add(1);

    /// <param name="lag">Since the change was published; null for the status sent on connect (its age, not a delivery).</param>
    public void Sent(TimeSpan? lag)
    {
        _sent.Add(1);
        if (lag is { } delivery)
        {
            _lag.Record(Math.Max(0, delivery.TotalSeconds));
        }
    }
}
