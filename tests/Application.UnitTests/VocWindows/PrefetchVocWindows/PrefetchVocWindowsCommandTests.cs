using System.Collections.Immutable;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.PrefetchVocWindows;

public sealed class PrefetchVocWindowsCommandTests
{
    private static readonly DateTimeOffset Noon = PipelineHarness.Noon;

    [Test]
    public async Task Computes_the_configured_span_around_now_and_stores_it_under_the_lock()
    {
        await using var harness = new PipelineHarness(new Dictionary<string, string?>
        {
            ["Prefetch:DaysBehind"] = "3",
            ["Prefetch:DaysAhead"] = "30",
            ["Prefetch:Planets"] = "Traditional",
        });
        var released = false;
        harness.ExclusiveLock
            .Setup(l => l.TryAcquireAsync(PrefetchVocWindowsCommandHandler.LockName, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Release(() => released = true));
        var details = new VocWindowDetails(ZodiacSign.Leo, ZodiacSign.Virgo, null);
        ComputedVocWindow inSpan = new(Noon.AddHours(1), Noon.AddHours(2), details);
        ComputedVocWindow beforeSpan = new(Noon.AddDays(-5), Noon.AddDays(-5).AddHours(3), details);
        // The ephemeris is computed by calendar year (and cached); the command takes its span from the year.
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        harness.Calculator.Setup(c => c.VoidWindows(year, year.AddYears(1), PlanetSet.Traditional)).Returns([beforeSpan, inSpan]);
        var stored = new StoreComputedResult(1, 0, 0, []);
        harness.Repository
            .Setup(r => r.StoreComputedAsync(It.Is<ImmutableArray<ComputedVocWindow>>(windows => windows.SequenceEqual(new[] { inSpan })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(stored);

        var result = await harness.Sender.Send(new PrefetchVocWindowsCommand());

        Assert.That(result, Is.EqualTo(new PrefetchResult(true, 1, stored)));
        Assert.That(released, Is.True, "the lock is released after the run");
    }

    [Test]
    public async Task Does_nothing_while_another_instance_holds_the_lock()
    {
        await using var harness = new PipelineHarness();
        harness.ExclusiveLock
            .Setup(l => l.TryAcquireAsync(PrefetchVocWindowsCommandHandler.LockName, It.IsAny<CancellationToken>()))
            .ReturnsAsync((IAsyncDisposable?)null);

        var result = await harness.Sender.Send(new PrefetchVocWindowsCommand());

        Assert.That(result, Is.EqualTo(PrefetchResult.Skipped));
        harness.Calculator.VerifyNoOtherCalls();
        harness.Repository.VerifyNoOtherCalls();
    }

    private sealed class Release(Action onRelease) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            onRelease();
            return ValueTask.CompletedTask;
        }
    }
}
