using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Domain.UnitTests.VocWindows;

/// <summary>Where a computed window goes among the stored ones: other sources win, the latest computation wins among computed ones.</summary>
[TestFixture]
public sealed class ComputedWindowPlacementTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly VocWindowDetails Leo = new(ZodiacSign.Leo, ZodiacSign.Virgo, null);
    private static readonly VocWindowDetails LeoAfterSquare = new(ZodiacSign.Leo, ZodiacSign.Virgo, new LastAspect(Planet.Mars, Aspect.Square));
    private static readonly ComputedVocWindow Computed = new(Noon, Noon.AddHours(3), Leo);

    private static VocWindow Stored(int id, DateTimeOffset start, DateTimeOffset end, string source, VocWindowDetails? details = null) =>
        new(id, start, end, source, details);

    [Test]
    public void With_nothing_in_the_way_it_is_stored() =>
        Assert.That(ComputedWindowPlacements.Of(Computed, []), Is.EqualTo(ComputedWindowPlacement.Replace));

    [Test]
    public void A_window_from_another_source_wins() =>
        Assert.That(ComputedWindowPlacements.Of(Computed, [Stored(1, Noon.AddHours(1), Noon.AddHours(4), "almanac")]), Is.EqualTo(ComputedWindowPlacement.GiveWay));

    [Test]
    public void Even_beside_an_earlier_computation_another_source_wins() =>
        Assert.That(
            ComputedWindowPlacements.Of(Computed, [Stored(1, Noon, Noon.AddHours(3), ComputedVocWindow.Source, Leo), Stored(2, Noon.AddHours(2), Noon.AddHours(5), "almanac")]),
            Is.EqualTo(ComputedWindowPlacement.GiveWay));

    [Test]
    public void The_same_window_computed_again_changes_nothing() =>
        Assert.That(ComputedWindowPlacements.Of(Computed, [Stored(1, Noon, Noon.AddHours(3), ComputedVocWindow.Source, Leo)]), Is.EqualTo(ComputedWindowPlacement.Unchanged));

    [Test]
    public void The_same_bounds_with_other_details_are_updated() =>
        Assert.That(ComputedWindowPlacements.Of(Computed, [Stored(1, Noon, Noon.AddHours(3), ComputedVocWindow.Source, LeoAfterSquare)]), Is.EqualTo(ComputedWindowPlacement.UpdateDetails));

    [Test]
    public void Earlier_computed_windows_with_other_bounds_are_replaced() =>
        Assert.That(
            ComputedWindowPlacements.Of(Computed, [Stored(1, Noon.AddSeconds(-5), Noon.AddHours(3), ComputedVocWindow.Source, Leo)]),
            Is.EqualTo(ComputedWindowPlacement.Replace));
}
