using System.Collections.Immutable;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.GetVocStatus;

/// <summary>Status and current are answered in Application: the status at now and how long the answer holds.</summary>
[TestFixture]
public sealed class GetVocStatusQueryTests
{
    private static readonly DateTimeOffset Noon = PipelineHarness.Noon;

    [Test]
    public async Task The_answer_is_the_status_at_now_kept_until_the_next_boundary()
    {
        await using var harness = new PipelineHarness();
        var window = new VocWindow(1, Noon.AddMinutes(-30), Noon.AddSeconds(45), "test");
        Setup(harness, [window]);

        var answer = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(answer.Now, Is.EqualTo(Noon));
        Assert.That(answer.Status.Current, Is.EqualTo(window));
        Assert.That(answer.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(45)), "the window ends before the 120 s the windows stay fresh");
        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Miss));
    }

    [Test]
    public async Task Served_from_the_cache_the_answer_is_worked_out_anew_for_the_later_instant()
    {
        await using var harness = new PipelineHarness();
        var window = new VocWindow(1, Noon.AddMinutes(-30), Noon.AddSeconds(45), "test");
        Setup(harness, [window]);

        await harness.Sender.Send(new GetCurrentVocQuery());
        harness.Time.Advance(TimeSpan.FromSeconds(45));
        var after = await harness.Sender.Send(new GetCurrentVocQuery());

        Assert.That(after.CacheStatus, Is.EqualTo(CacheStatus.Hit));
        Assert.That(after.Status.IsVoc, Is.False, "over at its end, exactly");
        Assert.That(after.Age, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(after.MaxAge - after.Age, Is.EqualTo(TimeSpan.FromSeconds(15)), "no further boundary: until the 60 s the windows stay fresh (max-age counts from the read, RFC 9111)");
    }

    [Test]
    public async Task A_stale_answer_may_not_be_kept()
    {
        await using var harness = new PipelineHarness();
        Setup(harness, [new VocWindow(1, Noon.AddHours(1), Noon.AddHours(2), "test")]);
        await harness.Sender.Send(new GetVocStatusQuery());
        harness.Time.Advance(TimeSpan.FromSeconds(121));
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(PipelineHarness.Transient());

        var stale = await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()));

        Assert.That(stale.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(stale.MaxAge, Is.EqualTo(TimeSpan.Zero));
    }

    private static void Setup(PipelineHarness harness, ImmutableArray<VocWindow> windows) =>
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(windows);
}
