using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Application.VocWindows.InvalidateCaches;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.InvalidateCaches;

[TestFixture]
public sealed class InvalidateVocCachesCommandTests
{
    [Test]
    public async Task The_next_status_read_goes_to_the_store_again()
    {
        await using var harness = new PipelineHarness();
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("stored"));

        await harness.Sender.Send(new GetVocStatusQuery());
        await harness.Sender.Send(new GetVocStatusQuery());
        var readsBefore = harness.ReadCount;
        var streamsWoken = harness.Changes.Next;
        await harness.Sender.Send(new InvalidateVocCachesCommand());
        harness.Time.Advance(TimeSpan.FromTicks(1));
        await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(readsBefore, Is.EqualTo(1), "the second read was a hit");
        Assert.That(harness.ReadCount, Is.EqualTo(2), "after the invalidation, a miss");
        harness.ChangeFeed.Verify(f => f.PublishAsync(WindowChange.ByProvider, It.IsAny<CancellationToken>()), Times.Once(), "every other instance and the windows.changed subscribers are told");
        Assert.That(streamsWoken.IsCompleted, Is.True, "this instance's streams are woken");
    }
}
