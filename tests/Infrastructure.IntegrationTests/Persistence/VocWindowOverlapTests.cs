using LunarVoc.Application.VocWindows;
using Microsoft.Extensions.DependencyInjection;

namespace LunarVoc.Infrastructure.IntegrationTests.Persistence;

/// <summary>Stored windows never overlap: conflicts are named, replacements are atomic, races leave one row.</summary>
[TestFixture]
public sealed class VocWindowOverlapTests : RepositoryTestBase
{
    [Test]
    public async Task An_overlapping_window_is_a_conflict_naming_the_stored_one_and_nothing_is_written()
    {
        var stored = await Save(1, 3, "almanac");

        var result = await Save(2, 4, "other");

        Assert.That(result.Outcome, Is.EqualTo(SaveOutcome.Conflict));
        Assert.That(result.Window, Is.EqualTo(stored.Window));
        Assert.That(await TestDatabase.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Windows_that_only_touch_are_both_stored()
    {
        await Save(1, 3);

        var result = await Save(3, 5);

        Assert.That(result.Outcome, Is.EqualTo(SaveOutcome.Created));
        Assert.That(await TestDatabase.CountRowsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Replace_swaps_every_overlapping_window_for_the_new_one()
    {
        await Save(1, 3, "a");
        await Save(4, 6, "b");
        var untouched = await Save(7, 8, "c");

        var result = await Save(2, 5, "fixed", replace: true);

        Assert.That(result.Outcome, Is.EqualTo(SaveOutcome.Created));
        var windows = await Repository.ListAsync(Noon, Noon.AddDays(1), null, 10, CancellationToken.None);
        Assert.That(windows.Select(w => w.Source), Is.EqualTo(new[] { "fixed", "c" }));
        Assert.That(windows[1], Is.EqualTo(untouched.Window));
    }

    [Test]
    public async Task Concurrent_overlapping_saves_leave_exactly_one_row()
    {
        var saves = Enumerable.Range(0, 100).Select(i => Task.Run(() => Save(1 + (i * 0.01), 3 + (i * 0.01), $"racer-{i}")));

        var results = await Task.WhenAll(saves);

        Assert.That(results.Count(r => r.Outcome == SaveOutcome.Created), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Outcome == SaveOutcome.Conflict), Is.EqualTo(99));
        var winner = results.Single(r => r.Outcome == SaveOutcome.Created).Window;
        Assert.That(results.Where(r => r.Outcome == SaveOutcome.Conflict).Select(r => r.Window.Id), Is.All.EqualTo(winner.Id));
        Assert.That(await TestDatabase.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Listing_pages_through_the_windows_of_a_range_in_start_order()
    {
        for (var hour = 0; hour < 10; hour++)
        {
            await Save(hour, hour + 0.5, $"w{hour}");
        }

        var first = await Repository.ListAsync(Noon.AddHours(1.25), Noon.AddHours(8), null, 3, CancellationToken.None);
        var second = await Repository.ListAsync(Noon.AddHours(1.25), Noon.AddHours(8), first[^1].StartAt, 3, CancellationToken.None);
        var last = await Repository.ListAsync(Noon.AddHours(1.25), Noon.AddHours(8), second[^1].StartAt, 3, CancellationToken.None);

        Assert.That(first.Select(w => w.Source), Is.EqualTo(new[] { "w1", "w2", "w3" }));
        Assert.That(second.Select(w => w.Source), Is.EqualTo(new[] { "w4", "w5", "w6" }));
        Assert.That(last.Select(w => w.Source), Is.EqualTo(new[] { "w7" }));
    }
}
