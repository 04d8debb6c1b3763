using LunarVoc.Application.Common.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Application.UnitTests.Common.Telemetry;

[TestFixture]
public sealed class ThrottledLogTests
{
    [Test]
    public void Writes_the_first_at_once_then_one_line_per_interval_carrying_the_count()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var log = new ThrottledLog(time, TimeSpan.FromMinutes(1));
        var lines = new List<long>();

        for (var i = 0; i < 1_000; i++)
        {
            if (log.ShouldWrite(out var occurrences))
            {
                lines.Add(occurrences);
            }

            time.Advance(TimeSpan.FromMilliseconds(100)); // 1,000 occurrences over 100 s
        }

        Assert.That(lines, Is.EqualTo(new long[] { 1, 600 }), "at 0 s the first; at 60 s the 599 counted since and itself");
    }

    [Test]
    public void Concurrent_callers_write_one_line_between_them()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var log = new ThrottledLog(time, TimeSpan.FromMinutes(1));
        var written = 0;

        Parallel.For(0, 10_000, _ =>
        {
            if (log.ShouldWrite(out _))
            {
                Interlocked.Increment(ref written);
            }
        });

        Assert.That(written, Is.EqualTo(1));
    }
}
