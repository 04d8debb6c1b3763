using LunarVoc.Application.Common.Resilience;

namespace LunarVoc.Application.UnitTests.Common.Resilience;

[TestFixture]
public sealed class RetryBackoffTests
{
    private static readonly RetryOptions Defaults = new();

    [TestCase(0, 0.2)]
    [TestCase(1, 0.4)]
    [TestCase(2, 0.8)]
    [TestCase(3, 1.6)]
    [TestCase(4, 2.0)]
    [TestCase(9, 2.0)]
    public void Without_jitter_the_delay_doubles_from_0_2_s_up_to_the_2_s_cap(int retry, double seconds)
    {
        Assert.That(RetryBackoff.Delay(retry, Defaults, unitRandom: 0.5).TotalSeconds, Is.EqualTo(seconds).Within(1e-9));
    }

    [TestCase(0, 0.2)]
    [TestCase(2, 0.8)]
    [TestCase(6, 2.0)]
    public void Jitter_moves_the_delay_by_at_most_30_percent_either_way(int retry, double nominal)
    {
        var lowest = RetryBackoff.Delay(retry, Defaults, unitRandom: 0.0).TotalSeconds;
        var highest = RetryBackoff.Delay(retry, Defaults, unitRandom: 0.999_999_9).TotalSeconds;
        var samples = Enumerable.Range(0, 1_000).Select(i => RetryBackoff.Delay(retry, Defaults, new Random(i).NextDouble()).TotalSeconds).ToList();

        const double oneTick = 1e-7; // TimeSpan's resolution
        Assert.That(lowest, Is.EqualTo(nominal * 0.7).Within(oneTick));
        Assert.That(highest, Is.EqualTo(nominal * 1.3).Within(1e-6));
        Assert.That(samples, Has.All.InRange((nominal * 0.7) - oneTick, (nominal * 1.3) + oneTick));
        Assert.That(samples.Distinct().Count(), Is.GreaterThan(900), "jitter actually varies");
    }
}
