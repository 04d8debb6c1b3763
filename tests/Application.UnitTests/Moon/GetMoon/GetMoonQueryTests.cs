using FluentValidation;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Moon.GetMoon;
using LunarVoc.Domain.Astrology;
using Moq;
using static LunarVoc.Application.UnitTests.Moon.MoonSky;

namespace LunarVoc.Application.UnitTests.Moon.GetMoon;

/// <summary>The Moon now: described at the start of the minute or the last change in it, cached until the next.</summary>
[TestFixture]
public sealed class GetMoonQueryTests
{
    private static readonly DateTimeOffset Noon = PipelineHarness.Noon;

    [Test]
    public async Task Now_is_described_at_the_start_of_the_minute_and_served_from_the_cache_until_the_next_minute()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator, InTaurus, InGemini);
        harness.Time.SetUtcNow(Noon.AddSeconds(20));

        var first = await harness.Sender.Send(new GetMoonQuery(null));
        harness.Time.Advance(TimeSpan.FromSeconds(25));
        var second = await harness.Sender.Send(new GetMoonQuery(null));
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        var nextMinute = await harness.Sender.Send(new GetMoonQuery(null));

        Assert.That((first.Report.At, first.MaxAge, first.Report.CacheStatus), Is.EqualTo((Noon, TimeSpan.FromSeconds(40), CacheStatus.Miss)));
        Assert.That((second.Report.At, second.MaxAge, second.Report.CacheStatus), Is.EqualTo((Noon, TimeSpan.FromSeconds(15), CacheStatus.Hit)));
        Assert.That((nextMinute.Report.At, nextMinute.MaxAge), Is.EqualTo((Noon.AddMinutes(1), TimeSpan.FromSeconds(55))));
        harness.Calculator.Verify(e => e.MoonAndSunAt(Noon), Times.Once);
    }

    [Test]
    public async Task After_a_change_within_the_minute_now_is_described_at_that_change()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator, InTaurus, InGemini);
        harness.Time.SetUtcNow(At("2026-11-24T16:10:50Z")); // 13 s after the Moon entered Gemini

        var answer = await harness.Sender.Send(new GetMoonQuery(null));

        Assert.That(answer.Report.At, Is.EqualTo(InTaurus.EndAt));
        Assert.That(answer.Report.Void, Is.Null, "the void ended at the ingress");
        Assert.That(answer.Report.NextIngress, Is.EqualTo(new MoonIngress(ZodiacSign.Cancer, InGemini.EndAt)));
        Assert.That(answer.Report.NextChange, Is.EqualTo(NameChange), "the phase's name changes before the next void starts");
        Assert.That(answer.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(10)), "until the next minute");
        harness.Calculator.Verify(e => e.MoonAndSunAt(At("2026-11-24T16:10:00Z")), Times.Once);
        harness.Calculator.Verify(e => e.MoonAndSunAt(InTaurus.EndAt), Times.Once);
    }

    [TestCase("1899-12-31T23:59:59Z")]
    [TestCase("2101-01-01T00:00:00Z")]
    public async Task An_instant_outside_1900_to_2100_is_refused_before_the_ephemeris_is_asked(string instant)
    {
        await using var harness = new PipelineHarness();

        var error = Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new GetMoonQuery(At(instant))));

        Assert.That(
            error!.Errors.Select(e => e.ErrorMessage),
            Is.EqualTo(new[] { "at must lie in 1900-01-01T00:00:00Z to 2100-12-31T23:59:59Z: the ephemeris covers 1900 to 2100." }));
        harness.Calculator.VerifyNoOtherCalls();
    }
}
