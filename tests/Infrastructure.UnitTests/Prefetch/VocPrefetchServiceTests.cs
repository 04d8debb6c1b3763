using System.Threading.Channels;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;
using LunarVoc.Infrastructure.Prefetch;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LunarVoc.Infrastructure.UnitTests.Prefetch;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class VocPrefetchServiceTests
{
    private static readonly PrefetchResult Ran = new(true, 40, new StoreComputedResult(40, 0, 0, []));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();
    private readonly Mock<ISender> _sender = new();

    private VocPrefetchService Service(bool enabled = true) =>
        new(_sender.Object, _time, Options.Create(new PrefetchOptions { Enabled = enabled, IntervalHours = 6 }), NullLogger<VocPrefetchService>.Instance);

    private void Answer(params Func<PrefetchResult>[] runs)
    {
        var run = 0;
        _sender.Setup(s => s.Send(It.IsAny<PrefetchVocWindowsCommand>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _sent.Writer.TryWrite("prefetch");
                return ValueTask.FromResult(runs[Math.Min(run++, runs.Length - 1)]());
            });
        _sender.Setup(s => s.Send(It.IsAny<GetVocStatusQuery>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _sent.Writer.TryWrite("status");
                return ValueTask.FromResult<Application.VocWindows.VocAnswer>(null!);
            });
        _sender.Setup(s => s.Send(It.IsAny<GetCurrentVocQuery>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _sent.Writer.TryWrite("current");
                return ValueTask.FromResult<Application.VocWindows.VocAnswer>(null!);
            });
    }

    private async Task<string[]> Next(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var messages = new string[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = await _sent.Reader.ReadAsync(timeout.Token);
        }

        return messages;
    }

    [Test]
    public async Task Runs_at_start_up_then_every_interval_and_warms_the_caches_after_each_run()
    {
        Answer(() => Ran);
        using var service = Service();

        await service.StartAsync(CancellationToken.None);
        Assert.That(await Next(3), Is.EqualTo(new[] { "prefetch", "status", "current" }));

        _time.Advance(TimeSpan.FromHours(5.9));
        Assert.That(_sent.Reader.TryRead(out _), Is.False, "no run before the interval");

        _time.Advance(TimeSpan.FromHours(0.1));
        Assert.That(await Next(3), Is.EqualTo(new[] { "prefetch", "status", "current" }));
        await service.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_failed_run_is_logged_and_the_next_interval_runs_again()
    {
        Answer(() => throw new InvalidOperationException("store down"), () => Ran);
        using var service = Service();

        await service.StartAsync(CancellationToken.None);
        Assert.That(await Next(1), Is.EqualTo(new[] { "prefetch" }));

        _time.Advance(TimeSpan.FromHours(6));
        Assert.That(await Next(3), Is.EqualTo(new[] { "prefetch", "status", "current" }));
        Assert.That(service.ExecuteTask!.IsFaulted, Is.False);
        await service.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_skipped_run_does_not_warm_the_caches()
    {
        Answer(() => PrefetchResult.Skipped, () => Ran);
        using var service = Service();

        await service.StartAsync(CancellationToken.None);
        Assert.That(await Next(1), Is.EqualTo(new[] { "prefetch" }));
        _time.Advance(TimeSpan.FromHours(6));

        Assert.That(await Next(1), Is.EqualTo(new[] { "prefetch" }), "the next message is the next run, not a warm-up");
        await service.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Does_nothing_when_disabled()
    {
        Answer(() => Ran);
        using var service = Service(enabled: false);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.That(_sent.Reader.TryRead(out _), Is.False);
    }
}
