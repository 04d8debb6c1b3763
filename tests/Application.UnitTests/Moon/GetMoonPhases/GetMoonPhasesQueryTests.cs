using FluentValidation;
using LunarVoc.Application.Moon.GetMoonPhases;
using LunarVoc.Domain.Astrology;
using Moq;
using static LunarVoc.Application.UnitTests.Moon.MoonSky;

namespace LunarVoc.Application.UnitTests.Moon.GetMoonPhases;

[TestFixture]
public sealed class GetMoonPhasesQueryTests
{
    [Test]
    public async Task A_range_is_sliced_from_the_calendar_years_it_touches_each_computed_once()
    {
        await using var harness = new PipelineHarness();
        Answer(harness.Calculator);

        var acrossNewYear = await harness.Sender.Send(new GetMoonPhasesQuery(At("2026-12-16T21:00:00Z"), At("2027-01-07T20:24:00Z")));
        var january = await harness.Sender.Send(new GetMoonPhasesQuery(At("2027-01-01T00:00:00Z"), At("2027-01-20T00:00:00Z")));

        Assert.That(acrossNewYear, Is.EqualTo(new LunarPhase[]
        {
            new(MoonPhase.FirstQuarter, At("2026-12-16T21:00:00Z")),
            new(MoonPhase.FullMoon, At("2026-12-24T01:28:00Z")),
            new(MoonPhase.LastQuarter, At("2026-12-30T18:59:00Z")),
        }), "from is included, to is not");
        Assert.That(january, Is.EqualTo(new LunarPhase[]
        {
            new(MoonPhase.NewMoon, At("2027-01-07T20:24:00Z")),
            new(MoonPhase.FirstQuarter, At("2027-01-15T20:34:00Z")),
        }));
        harness.Calculator.Verify(e => e.Phases(At("2026-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z")), Times.Once);
        harness.Calculator.Verify(e => e.Phases(At("2027-01-01T00:00:00Z"), At("2028-01-01T00:00:00Z")), Times.Once);
        harness.Calculator.Verify(e => e.Phases(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>()), Times.Exactly(2));
    }

    [TestCase("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z", "to must be after from.")]
    [TestCase("1899-12-31T00:00:00Z", "1900-02-01T00:00:00Z", "from must not be before 1900-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.")]
    [TestCase("2100-06-01T00:00:00Z", "2101-01-01T00:00:01Z", "to must not be after 2101-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.")]
    [TestCase("2000-01-01T00:00:00Z", "2010-01-01T00:00:01Z", "The range from..to may span at most 10 years.")]
    public async Task A_bad_range_is_refused_with_its_reason_before_the_ephemeris_is_asked(string from, string to, string reason)
    {
        await using var harness = new PipelineHarness();

        var error = Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new GetMoonPhasesQuery(At(from), At(to))));

        Assert.That(error!.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { reason }));
        harness.Calculator.VerifyNoOtherCalls();
    }
}
