using System.Collections.Immutable;
using FluentValidation;
using LunarVoc.Application.Ephemeris.GetComingWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.Ephemeris.GetComingWindows;

/// <summary>The calendar feed: stored windows up to the last of them, computed ones after it.</summary>
[TestFixture]
public sealed class GetComingWindowsQueryTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero); // the harness's clock is at noon

    private static readonly VocWindow Provided = new(11, Today.AddHours(2), Today.AddHours(5), "provider");
    private static readonly VocWindow LastStored = new(12, Today.AddHours(34), Today.AddHours(38), "astro");
    private static readonly VocWindow StoredNextMonth = new(13, Today.AddDays(16), Today.AddDays(16).AddHours(4), "astro");

    private static readonly ComputedVocWindow SinceYesterday = Computed(Today.AddHours(-4), Today.AddHours(1));
    private static readonly ComputedVocWindow EarlyToday = Computed(Today.AddHours(3), Today.AddHours(6));
    private static readonly ComputedVocWindow AcrossTheHorizon = Computed(Today.AddHours(36), Today.AddHours(44));
    private static readonly ComputedVocWindow AfterTheHorizon = Computed(Today.AddHours(56), Today.AddHours(59));
    private static readonly ComputedVocWindow PastThreeDays = Computed(Today.AddHours(77), Today.AddHours(81));

    [Test]
    public async Task Stored_windows_stand_up_to_the_last_of_them_in_the_span_and_computed_ones_follow_after_it()
    {
        await using var harness = new PipelineHarness();
        Compute(harness, SinceYesterday, EarlyToday, AcrossTheHorizon, AfterTheHorizon, PastThreeDays);
        harness.Repository.Setup(r => r.GetWindowsAsync(Today, Today.AddDays(366), It.IsAny<CancellationToken>()))
            .ReturnsAsync([Provided, LastStored, StoredNextMonth]);

        var coming = await harness.Sender.Send(new GetComingWindowsQuery(3, PlanetSet.Modern));

        Assert.That((coming.From, coming.Until), Is.EqualTo((Today, Today.AddDays(3))));
        Assert.That(coming.Windows, Is.EqualTo(new[] { Provided, LastStored, AsFeed(AfterTheHorizon) }), "the stored window next month neither shows nor moves the horizon");
    }

    [Test]
    public async Task Another_convention_than_the_stored_windows_is_answered_from_computation_without_reading_the_store()
    {
        await using var harness = new PipelineHarness();
        Compute(harness, SinceYesterday, EarlyToday, AcrossTheHorizon, AfterTheHorizon);

        var coming = await harness.Sender.Send(new GetComingWindowsQuery(2, PlanetSet.Traditional));

        // Nothing stored: every computed window overlapping the span, the void under way since yesterday too.
        Assert.That(coming.Windows, Is.EqualTo(new[] { AsFeed(SinceYesterday), AsFeed(EarlyToday), AsFeed(AcrossTheHorizon) }));
        harness.Calculator.Verify(e => e.VoidWindows(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), PlanetSet.Traditional), Times.Once);
        harness.Repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task When_the_store_fails_the_feed_is_answered_from_computation()
    {
        await using var harness = new PipelineHarness();
        Compute(harness, EarlyToday, AcrossTheHorizon, AfterTheHorizon, PastThreeDays);
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(PipelineHarness.Transient());

        var coming = await harness.SendAdvancing(() => harness.Sender.Send(new GetComingWindowsQuery(3, PlanetSet.Modern)));

        Assert.That(coming.Windows, Is.EqualTo(new[] { AsFeed(EarlyToday), AsFeed(AcrossTheHorizon), AsFeed(AfterTheHorizon) }));
        Assert.That(harness.ReadCount, Is.GreaterThanOrEqualTo(1), "the store was asked");
    }

    [Test]
    public async Task The_span_ends_where_the_ephemeris_does()
    {
        await using var harness = new PipelineHarness();
        var lastDay = new DateTimeOffset(2100, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var lastVoid = Computed(lastDay.AddHours(7), lastDay.AddHours(9));
        Compute(harness, lastVoid);
        harness.Repository.Setup(r => r.GetWindowsAsync(lastDay, lastDay.AddDays(366), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        harness.Time.SetUtcNow(lastDay.AddHours(12));

        var coming = await harness.Sender.Send(new GetComingWindowsQuery(GetComingWindowsQuery.MaxDays, PlanetSet.Modern));

        Assert.That((coming.From, coming.Until), Is.EqualTo((lastDay, EphemerisRange.End)));
        Assert.That(coming.Windows, Is.EqualTo(new[] { AsFeed(lastVoid) }));
    }

    [TestCase(0, PlanetSet.Modern, "days must be between 1 and 366.")]
    [TestCase(367, PlanetSet.Traditional, "days must be between 1 and 366.")]
    [TestCase(7, (PlanetSet)2, "planets must be modern or traditional.")]
    public async Task Bad_arguments_are_refused_with_their_reason(int days, PlanetSet planets, string reason)
    {
        await using var harness = new PipelineHarness();

        var error = Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new GetComingWindowsQuery(days, planets)));

        Assert.That(error!.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { reason }));
        harness.Calculator.VerifyNoOtherCalls();
        harness.Repository.VerifyNoOtherCalls();
    }

    private static ComputedVocWindow Computed(DateTimeOffset start, DateTimeOffset end) =>
        new(start, end, new VocWindowDetails(ZodiacSign.Leo, ZodiacSign.Virgo, null));

    private static VocWindow AsFeed(ComputedVocWindow window) => new(0, window.StartAt, window.EndAt, ComputedVocWindow.Source, window.Details);

    /// <summary>The ephemeris finds these windows, whichever convention: those overlapping the range asked for.</summary>
    private static void Compute(PipelineHarness harness, params ComputedVocWindow[] windows) =>
        harness.Calculator.Setup(e => e.VoidWindows(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<PlanetSet>()))
            .Returns((DateTimeOffset from, DateTimeOffset until, PlanetSet _) => windows.Where(w => w.EndAt > from && w.StartAt < until).ToImmutableArray());
}
