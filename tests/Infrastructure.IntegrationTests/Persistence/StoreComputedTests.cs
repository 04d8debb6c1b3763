using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.VocWindows;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Microsoft.Extensions.DependencyInjection;

namespace LunarVoc.Infrastructure.IntegrationTests.Persistence;

[TestFixture]
public sealed class StoreComputedTests : RepositoryTestBase
{
    private static readonly VocWindowDetails LeoAfterSaturn = new(ZodiacSign.Leo, ZodiacSign.Virgo, new LastAspect(Planet.Saturn, Aspect.Trine));

    private static ComputedVocWindow Computed(double startHours, double endHours, VocWindowDetails? details = null) =>
        new(Noon.AddHours(startHours), Noon.AddHours(endHours), details ?? LeoAfterSaturn);

    private Task<StoreComputedResult> Store(params ComputedVocWindow[] windows) =>
        Repository.StoreComputedAsync(windows, CancellationToken.None);

    private async Task<List<VocWindow>> All() =>
        [.. await Repository.ListAsync(Noon.AddDays(-10), Noon.AddDays(10), null, 100, CancellationToken.None)];

    [Test]
    public async Task Stores_computed_windows_with_their_details_and_source()
    {
        var result = await Store(Computed(1, 2), Computed(3, 4, new VocWindowDetails(ZodiacSign.Virgo, ZodiacSign.Libra, null)));

        Assert.That(result.Inserted, Is.EqualTo(2));
        var stored = await All();
        Assert.That(stored.Select(w => w.Source), Is.All.EqualTo(ComputedVocWindow.Source));
        Assert.That(stored[0].Details, Is.EqualTo(LeoAfterSaturn));
        Assert.That(stored[1].Details, Is.EqualTo(new VocWindowDetails(ZodiacSign.Virgo, ZodiacSign.Libra, null)));
    }

    [Test]
    public async Task A_second_run_with_the_same_windows_changes_nothing()
    {
        await Store(Computed(1, 2), Computed(3, 4));
        var before = await All();

        var result = await Store(Computed(1, 2), Computed(3, 4));

        Assert.That((result.Inserted, result.Updated, result.Unchanged), Is.EqualTo((0, 0, 2)));
        Assert.That(await All(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_recomputed_window_replaces_the_computed_windows_it_overlaps()
    {
        await Store(Computed(1, 2), Computed(2.5, 4));

        var result = await Store(Computed(1.5, 3));

        Assert.That(result.Inserted, Is.EqualTo(1));
        var stored = await All();
        Assert.That(stored.Select(w => (w.StartAt, w.EndAt)), Is.EqualTo(new[] { (Noon.AddHours(1.5), Noon.AddHours(3)) }));
    }

    [Test]
    public async Task A_window_from_another_source_wins_over_the_computed_one()
    {
        var posted = await Repository.SaveAsync(Noon.AddHours(1), Noon.AddHours(2.2), "almanac", false, CancellationToken.None);

        var result = await Store(Computed(1.1, 2.1), Computed(3, 4));

        Assert.That(result.KeptFromOtherSources, Is.EqualTo(new[] { posted.Window }));
        Assert.That(result.Inserted, Is.EqualTo(1));
        var stored = await All();
        Assert.That(stored.Select(w => w.Source), Is.EqualTo(new[] { "almanac", ComputedVocWindow.Source }));
    }

    [Test]
    public async Task Only_one_holder_gets_the_exclusive_lock_at_a_time()
    {
        var exclusiveLock = Services.GetRequiredService<IExclusiveLock>();

        var first = await exclusiveLock.TryAcquireAsync("test-lock", CancellationToken.None);
        var whileHeld = await exclusiveLock.TryAcquireAsync("test-lock", CancellationToken.None);
        await first!.DisposeAsync();
        await using var afterRelease = await exclusiveLock.TryAcquireAsync("test-lock", CancellationToken.None);

        Assert.That(first, Is.Not.Null);
        Assert.That(whileHeld, Is.Null);
        Assert.That(afterRelease, Is.Not.Null);
    }
}
