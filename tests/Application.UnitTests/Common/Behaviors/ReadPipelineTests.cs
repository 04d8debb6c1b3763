using System.Collections.Immutable;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Application.VocWindows.InvalidateCaches;
using LunarVoc.Application.VocWindows.SaveVocWindow;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.Common.Behaviors;

/// <summary>
/// Caching, retry and stale fallback around the unchanged read handlers, through the real
/// Mediator pipeline; the repository is the only mock and the clock is fake.
/// </summary>
[TestFixture]
public sealed class ReadPipelineTests
{
    private static readonly DateTimeOffset Noon = PipelineHarness.Noon;
    private static readonly TimeSpan StatusTtl = TimeSpan.FromSeconds(120);

    private static void ReadsReturn(PipelineHarness harness, params ImmutableArray<VocWindow>[] answers)
    {
        var sequence = harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()));
        foreach (var answer in answers)
        {
            sequence = sequence.ReturnsAsync(answer);
        }
    }

    private static async Task<VocAnswer> PrimeThenExpire(PipelineHarness harness, TimeSpan after)
    {
        var primed = await harness.Sender.Send(new GetVocStatusQuery());
        harness.Time.Advance(after);
        return primed;
    }

    [Test]
    public async Task The_first_read_is_a_miss_that_queries_the_store_once()
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("a"));

        var answer = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(answer.Snapshot.Windows.Single().Source, Is.EqualTo("a"));
        Assert.That(harness.ReadCount, Is.EqualTo(1));
        Assert.That(harness.Statistics.For(GetVocStatusQuery.CacheName).Misses, Is.EqualTo(1));
    }

    [Test]
    public async Task A_read_within_the_ttl_is_a_hit_served_without_the_store_and_without_a_copy()
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("a"));
        await harness.Sender.Send(new GetVocStatusQuery());
        harness.Time.Advance(StatusTtl - TimeSpan.FromTicks(1));

        var first = await harness.Sender.Send(new GetVocStatusQuery());
        var second = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(first.CacheStatus, Is.EqualTo(CacheStatus.Hit));
        Assert.That(second.Snapshot, Is.SameAs(first.Snapshot));
        Assert.That(harness.ReadCount, Is.EqualTo(1));
        Assert.That(harness.Statistics.For(GetVocStatusQuery.CacheName).Hits, Is.EqualTo(2));
    }

    [Test]
    public async Task Once_the_ttl_has_passed_the_store_is_read_again()
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("old"), PipelineHarness.Windows("new"));
        await PrimeThenExpire(harness, StatusTtl);

        var answer = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(answer.Snapshot.Windows.Single().Source, Is.EqualTo("new"));
        Assert.That(answer.FetchedAt, Is.EqualTo(Noon + StatusTtl));
        Assert.That(harness.ReadCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_write_that_lands_while_the_store_is_read_does_not_leave_the_earlier_read_cached()
    {
        await using var harness = new PipelineHarness();
        var reads = 0;
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                if (++reads > 1)
                {
                    return PipelineHarness.Windows("after");
                }

                // The store answered as before the write; the write commits and clears the caches before this read is stored.
                await harness.Sender.Send(new InvalidateVocCachesCommand());
                harness.Time.Advance(TimeSpan.FromTicks(1));
                return PipelineHarness.Windows("before");
            });
        await harness.Sender.Send(new GetVocStatusQuery());

        var next = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(next.Snapshot.Windows.Single().Source, Is.EqualTo("after"));
        Assert.That(harness.ReadCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_read_that_joins_a_fetch_begun_before_a_write_reads_again()
    {
        await using var harness = new PipelineHarness();
        var slow = new TaskCompletionSource<ImmutableArray<VocWindow>>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(slow.Task)
            .ReturnsAsync(PipelineHarness.Windows("before", "after"));
        var first = harness.Sender.Send(new GetVocStatusQuery()).AsTask();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Sender.Send(new InvalidateVocCachesCommand());

        var joined = harness.Sender.Send(new GetVocStatusQuery()).AsTask();
        slow.SetResult(PipelineHarness.Windows("before"));
        var afterWrite = await joined;
        await first;

        Assert.That(afterWrite.Snapshot.Windows.Select(w => w.Source), Is.EqualTo(new[] { "before", "after" }));
        Assert.That(harness.ReadCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Status_and_current_are_cached_separately_with_their_own_ttls()
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("s"), PipelineHarness.Windows("c"), PipelineHarness.Windows("c2"));
        await harness.Sender.Send(new GetVocStatusQuery());
        await harness.Sender.Send(new GetCurrentVocQuery());
        harness.Time.Advance(TimeSpan.FromSeconds(60));

        var status = await harness.Sender.Send(new GetVocStatusQuery());
        var current = await harness.Sender.Send(new GetCurrentVocQuery());

        Assert.That(status.CacheStatus, Is.EqualTo(CacheStatus.Hit));
        Assert.That(current.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(current.Snapshot.Windows.Single().Source, Is.EqualTo("c2"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_read_succeeds_after_transient_failures_within_the_retry_budget(int failures)
    {
        await using var harness = new PipelineHarness();
        var sequence = harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()));
        for (var i = 0; i < failures; i++)
        {
            sequence = sequence.ThrowsAsync(PipelineHarness.Transient());
        }

        sequence.ReturnsAsync(PipelineHarness.Windows("fresh"));

        var answer = await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()));

        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(answer.Snapshot.Windows.Single().Source, Is.EqualTo("fresh"));
        Assert.That(harness.ReadCount, Is.EqualTo(failures + 1));
        var counters = harness.Statistics.For(GetVocStatusQuery.CacheName);
        Assert.That(counters.Retries, Is.EqualTo(failures));
        Assert.That(counters.DbErrors, Is.EqualTo(failures));
    }

    [Test]
    public async Task When_the_retries_are_exhausted_the_last_good_answer_is_served_stale()
    {
        await using var harness = new PipelineHarness();
        harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("good"))
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient());
        await PrimeThenExpire(harness, StatusTtl);

        var answer = await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()));

        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(answer.Snapshot.Windows.Single().Source, Is.EqualTo("good"));
        Assert.That(answer.FetchedAt, Is.EqualTo(Noon));
        Assert.That(harness.ReadCount, Is.EqualTo(5), "one good read, then 1 + 3 retries");
        Assert.That(harness.Statistics.For(GetVocStatusQuery.CacheName).StaleServed, Is.EqualTo(1));
    }

    [Test]
    public async Task With_nothing_to_fall_back_on_the_failure_goes_through()
    {
        await using var harness = new PipelineHarness();
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(PipelineHarness.Transient());

        Assert.ThrowsAsync<DataSourceUnavailableException>(
            () => harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery())));

        Assert.That(harness.ReadCount, Is.EqualTo(4));
    }

    [Test]
    public async Task A_stale_answer_older_than_the_maximum_staleness_is_not_served()
    {
        await using var harness = new PipelineHarness(new Dictionary<string, string?> { ["Caching:MaxStalenessHours"] = "24" });
        harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("ancient"))
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient())
            .ThrowsAsync(PipelineHarness.Transient());
        await PrimeThenExpire(harness, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.ThrowsAsync<DataSourceUnavailableException>(
            () => harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery())));
    }

    [Test]
    public async Task A_non_transient_store_error_is_not_retried()
    {
        await using var harness = new PipelineHarness();
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DataSourceUnavailableException("password authentication failed", isTransient: false, new InvalidOperationException()));

        Assert.ThrowsAsync<DataSourceUnavailableException>(async () => await harness.Sender.Send(new GetVocStatusQuery()));

        Assert.That(harness.ReadCount, Is.EqualTo(1));
        Assert.That(harness.Statistics.For(GetVocStatusQuery.CacheName).Retries, Is.Zero);
    }

    [Test]
    public async Task A_programming_error_is_neither_retried_nor_hidden_behind_a_stale_answer()
    {
        await using var harness = new PipelineHarness();
        harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("good"))
            .ThrowsAsync(new InvalidOperationException("bug"));
        await PrimeThenExpire(harness, StatusTtl);

        Assert.ThrowsAsync<InvalidOperationException>(async () => await harness.Sender.Send(new GetVocStatusQuery()));

        Assert.That(harness.ReadCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Two_hundred_simultaneous_cold_reads_cause_one_store_query()
    {
        await using var harness = new PipelineHarness();
        var release = new TaskCompletionSource<ImmutableArray<VocWindow>>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Repository.Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(release.Task);

        // Every caller is in flight (its Send has returned a pending task) before the store answers.
        var inFlight = 0;
        var reads = Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
        {
            var pending = harness.Sender.Send(new GetVocStatusQuery()).AsTask();
            Interlocked.Increment(ref inFlight);
            return pending;
        })).ToArray();
        while (Volatile.Read(ref inFlight) < reads.Length)
        {
            await Task.Yield();
        }

        Assert.That(reads.Count(read => read.IsCompleted), Is.Zero, "no caller finished before the store answered");

        release.SetResult(PipelineHarness.Windows("one"));
        var answers = await Task.WhenAll(reads);

        Assert.That(harness.ReadCount, Is.EqualTo(1));
        Assert.That(answers.Select(a => a.Snapshot.Windows.Single().Source).Distinct(), Is.EqualTo(new[] { "one" }));
    }

    [Test]
    public async Task A_cached_answer_flips_to_not_void_exactly_at_the_end_of_the_window()
    {
        await using var harness = new PipelineHarness();
        var window = new VocWindow(1, Noon.AddHours(-1), Noon.AddSeconds(30), "w");
        ReadsReturn(harness, [window]);
        var before = await harness.Sender.Send(new GetCurrentVocQuery());

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var atEnd = await harness.Sender.Send(new GetCurrentVocQuery());

        Assert.That(before.Snapshot.StatusAt(Noon).IsVoc, Is.True);
        Assert.That(atEnd.CacheStatus, Is.EqualTo(CacheStatus.Hit), "still the cached answer");
        Assert.That(atEnd.Snapshot.StatusAt(harness.Time.GetUtcNow()).IsVoc, Is.False);
        Assert.That(atEnd.Snapshot.StatusAt(harness.Time.GetUtcNow() - TimeSpan.FromTicks(1)).IsVoc, Is.True);
    }

    [Test]
    public async Task A_successful_save_invalidates_the_cached_reads_but_keeps_the_fallback()
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("before"), PipelineHarness.Windows("before", "after"));
        harness.Repository.Setup(r => r.SaveAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), "after", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SaveResult(SaveOutcome.Created, new VocWindow(2, Noon.AddHours(2), Noon.AddHours(3), "after")));
        await harness.Sender.Send(new GetVocStatusQuery());

        await harness.Sender.Send(new SaveVocWindowCommand(Noon.AddHours(2), Noon.AddHours(3), "after"));
        var afterSave = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(afterSave.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(afterSave.Snapshot.Windows.Select(w => w.Source), Is.EqualTo(new[] { "before", "after" }));
        Assert.That(harness.ReadCount, Is.EqualTo(2));
    }

    [Test]
    public async Task After_two_failed_reads_further_misses_get_the_stale_answer_at_once_without_touching_the_store()
    {
        await using var harness = new PipelineHarness(new Dictionary<string, string?> { ["Caching:OutageThrottleSeconds"] = "10" });
        var sequence = harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("good"));
        for (var attempt = 0; attempt < 8; attempt++)
        {
            sequence = sequence.ThrowsAsync(PipelineHarness.Transient());
        }

        sequence.ReturnsAsync(PipelineHarness.Windows("recovered"));
        await PrimeThenExpire(harness, StatusTtl);
        var firstFailure = await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()), TimeSpan.FromMilliseconds(10));
        var secondFailure = await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()), TimeSpan.FromMilliseconds(10));
        var readsAfterOutage = harness.ReadCount;

        var throttled = await harness.Sender.Send(new GetVocStatusQuery());
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var recovered = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(firstFailure.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(secondFailure.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(throttled.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(readsAfterOutage, Is.EqualTo(9), "two reads of four attempts each, after the good one");
        Assert.That(recovered.Snapshot.Windows.Single().Source, Is.EqualTo("recovered"));
        Assert.That(harness.ReadCount, Is.EqualTo(10), "the throttled read did not touch the store");
    }

    [Test]
    public async Task A_successful_write_closes_the_outage_breaker_so_the_next_read_sees_it_at_once()
    {
        await using var harness = new PipelineHarness(new Dictionary<string, string?> { ["Caching:OutageThrottleSeconds"] = "600" });
        var sequence = harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("before"));
        for (var attempt = 0; attempt < 8; attempt++)
        {
            sequence = sequence.ThrowsAsync(PipelineHarness.Transient());
        }

        sequence.ReturnsAsync(PipelineHarness.Windows("before", "written"));
        harness.Repository.Setup(r => r.SaveAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), "written", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SaveResult(SaveOutcome.Created, new VocWindow(2, Noon.AddHours(2), Noon.AddHours(3), "written")));
        await PrimeThenExpire(harness, StatusTtl);
        await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()), TimeSpan.FromMilliseconds(10));
        await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery()), TimeSpan.FromMilliseconds(10));
        var throttled = await harness.Sender.Send(new GetVocStatusQuery());

        await harness.Sender.Send(new SaveVocWindowCommand(Noon.AddHours(2), Noon.AddHours(3), "written"));
        var afterWrite = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(throttled.CacheStatus, Is.EqualTo(CacheStatus.Stale), "the breaker was open");
        Assert.That(afterWrite.CacheStatus, Is.EqualTo(CacheStatus.Miss));
        Assert.That(afterWrite.Snapshot.Windows.Select(w => w.Source), Is.EqualTo(new[] { "before", "written" }));
    }

    [TestCase(SaveOutcome.Conflict, false)]
    [TestCase(SaveOutcome.Updated, false)]
    [TestCase(SaveOutcome.Updated, true)]
    public async Task Only_a_write_that_changed_the_windows_clears_the_caches_and_wakes_the_streams(SaveOutcome outcome, bool changed)
    {
        await using var harness = new PipelineHarness();
        ReadsReturn(harness, PipelineHarness.Windows("a"), PipelineHarness.Windows("a"));
        harness.Repository.Setup(r => r.SaveAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), "a", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SaveResult(outcome, new VocWindow(1, Noon.AddHours(1), Noon.AddHours(2), "a"), changed));
        await harness.Sender.Send(new GetVocStatusQuery());
        var woken = harness.Changes.Next;

        await harness.Sender.Send(new SaveVocWindowCommand(Noon.AddHours(1), Noon.AddHours(2), "a"));
        var after = await harness.Sender.Send(new GetVocStatusQuery());

        Assert.That(after.CacheStatus, Is.EqualTo(changed ? CacheStatus.Miss : CacheStatus.Hit));
        Assert.That(woken.IsCompleted, Is.EqualTo(changed));
    }

    [Test]
    public async Task A_slow_refresh_serves_the_stale_answer_after_the_soft_timeout_and_fills_the_cache_later()
    {
        await using var harness = new PipelineHarness(new Dictionary<string, string?> { ["Caching:SoftTimeoutMilliseconds"] = "1000" });
        var slow = new TaskCompletionSource<ImmutableArray<VocWindow>>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Repository.SetupSequence(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PipelineHarness.Windows("good"))
            .Returns(slow.Task);
        await PrimeThenExpire(harness, StatusTtl);

        var pending = harness.Sender.Send(new GetVocStatusQuery()).AsTask();
        var beforeTimeout = pending.IsCompleted;
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var answer = await pending;
        slow.SetResult(PipelineHarness.Windows("late"));
        VocAnswer next;
        do
        {
            await Task.Yield();
            next = await harness.Sender.Send(new GetVocStatusQuery());
        }
        while (next.CacheStatus == CacheStatus.Stale);

        Assert.That(beforeTimeout, Is.False);
        Assert.That(answer.CacheStatus, Is.EqualTo(CacheStatus.Stale));
        Assert.That(answer.Snapshot.Windows.Single().Source, Is.EqualTo("good"));
        Assert.That(next.CacheStatus, Is.EqualTo(CacheStatus.Hit));
        Assert.That(next.Snapshot.Windows.Single().Source, Is.EqualTo("late"));
    }
}
