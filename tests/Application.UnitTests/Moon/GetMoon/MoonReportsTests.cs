using LunarVoc.Application.Moon.GetMoon;
using LunarVoc.Domain.Astrology;
using Moq;
using static LunarVoc.Application.UnitTests.Moon.MoonSky;

namespace LunarVoc.Application.UnitTests.Moon.GetMoon;

/// <summary>The Moon at an instant asked for: what the report says, and that it is computed, not cached.</summary>
[TestFixture]
public sealed class MoonReportsTests
{
    private static readonly DateTimeOffset Noon = PipelineHarness.Noon;

    [Test]
    public async Task The_report_names_the_phases_around_the_instant_the_void_it_is_in_and_the_first_change_ahead()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator, InTaurus, InGemini);

        var report = (await harness.Sender.Send(new GetMoonQuery(Noon))).Report;

        Assert.That(report.At, Is.EqualTo(Noon));
        Assert.That(report.Sky, Is.EqualTo(Sky));
        Assert.That(report.PreviousNewMoon, Is.EqualTo(At("2026-11-09T07:02:00Z")), "the last new Moon before, not the one a month earlier");
        Assert.That(report.NextPhases, Is.EqualTo(new LunarPhase[]
        {
            new(MoonPhase.NewMoon, At("2026-12-09T00:51:00Z")),
            new(MoonPhase.FirstQuarter, At("2026-12-16T21:00:00Z")),
            new(MoonPhase.FullMoon, At("2026-11-24T14:53:00Z")),
            new(MoonPhase.LastQuarter, At("2026-12-01T06:08:00Z")),
        }));
        Assert.That(report.Void, Is.EqualTo(InTaurus));
        Assert.That(report.NextIngress, Is.EqualTo(new MoonIngress(ZodiacSign.Gemini, InTaurus.EndAt)), "the ingress as the void's end has it");
        Assert.That(report.NextChange, Is.EqualTo(At("2026-11-24T14:53:00Z")), "the full Moon comes before the ingress at 16:10:37");
    }

    [Test]
    public async Task An_instant_asked_for_is_kept_a_day_and_computed_anew_each_time_while_the_years_of_phases_are_cached()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator, InTaurus, InGemini);

        var first = await harness.Sender.Send(new GetMoonQuery(Noon));
        var second = await harness.Sender.Send(new GetMoonQuery(Noon));

        Assert.That(first.MaxAge, Is.EqualTo(TimeSpan.FromDays(1)));
        Assert.That(second.MaxAge, Is.EqualTo(TimeSpan.FromDays(1)));
        harness.Calculator.Verify(e => e.MoonAndSunAt(Noon), Times.Exactly(2));
        harness.Calculator.Verify(e => e.Phases(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>()), Times.Exactly(3), "2025, 2026 and 2027, once each");
        harness.Calculator.Verify(e => e.Phases(At("2027-01-01T00:00:00Z"), At("2028-01-01T00:00:00Z")), Times.Once);
        Assert.That(harness.Statistics.For(ReadMoonQuery.CacheName).Misses, Is.Zero, "only \"now\" goes through the Moon's cache");
    }

    [Test]
    public async Task Without_a_computed_void_ahead_the_next_ingress_is_asked_of_the_ephemeris()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator);
        var ingress = new MoonIngress(ZodiacSign.Gemini, Noon.AddMinutes(80));
        harness.Calculator.Setup(e => e.NextIngress(Noon)).Returns(ingress);

        var report = (await harness.Sender.Send(new GetMoonQuery(Noon))).Report;

        Assert.That(report.Void, Is.Null);
        Assert.That(report.NextIngress, Is.EqualTo(ingress));
        Assert.That(report.NextChange, Is.EqualTo(ingress.At), "the ingress at 13:20 comes before the full Moon");
        harness.Calculator.Verify(e => e.VoidWindows(At("2027-01-01T00:00:00Z"), At("2028-01-01T00:00:00Z"), PlanetSet.Modern), Times.Once, "the next year is looked at too");
    }
}
