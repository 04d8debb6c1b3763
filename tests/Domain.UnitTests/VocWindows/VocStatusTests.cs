using System.Collections.Immutable;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Domain.UnitTests.VocWindows;

[TestFixture]
public sealed class VocStatusTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static VocWindow Window(long id, DateTimeOffset start, TimeSpan length) =>
        new(id, start, start + length, "test");

    [Test]
    public void No_windows_means_not_void_and_nothing_next()
    {
        var status = VocStatus.At(Noon, []);

        Assert.That(status.IsVoc, Is.False);
        Assert.That(status.Current, Is.Null);
        Assert.That(status.Next, Is.Null);
        Assert.That(status.Upcoming, Is.Empty);
    }

    [Test]
    public void Status_is_void_from_the_exact_start_of_a_window()
    {
        var window = Window(1, Noon, TimeSpan.FromHours(2));

        var status = VocStatus.At(Noon, [window]);

        Assert.That(status.IsVoc, Is.True);
        Assert.That(status.Current, Is.EqualTo(window));
    }

    [Test]
    public void Status_is_not_void_at_the_exact_end_of_a_window()
    {
        var window = Window(1, Noon - TimeSpan.FromHours(2), TimeSpan.FromHours(2));

        var status = VocStatus.At(Noon, [window]);

        Assert.That(status.IsVoc, Is.False);
        Assert.That(status.Current, Is.Null);
        Assert.That(status.Next, Is.Null);
    }

    [Test]
    public void Status_is_void_one_tick_before_the_end()
    {
        var window = Window(1, Noon - TimeSpan.FromHours(2), TimeSpan.FromHours(2));

        var status = VocStatus.At(Noon - TimeSpan.FromTicks(1), [window]);

        Assert.That(status.Current, Is.EqualTo(window));
    }

    [Test]
    public void Next_is_the_first_window_after_now_even_beyond_48_hours()
    {
        var far = Window(1, Noon + TimeSpan.FromDays(5), TimeSpan.FromHours(3));
        var farther = Window(2, Noon + TimeSpan.FromDays(7), TimeSpan.FromHours(3));

        var status = VocStatus.At(Noon, [far, farther]);

        Assert.That(status.Next, Is.EqualTo(far));
        Assert.That(status.Upcoming, Is.Empty);
    }

    [Test]
    public void Upcoming_holds_windows_starting_within_48_hours_inclusive_in_start_order()
    {
        var current = Window(1, Noon - TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var soon = Window(2, Noon + TimeSpan.FromHours(10), TimeSpan.FromHours(1));
        var atHorizon = Window(3, Noon + TimeSpan.FromHours(48), TimeSpan.FromHours(1));
        var beyond = Window(4, Noon + TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        var status = VocStatus.At(Noon, [current, soon, atHorizon, beyond]);

        Assert.That(status.Current, Is.EqualTo(current));
        Assert.That(status.Next, Is.EqualTo(soon));
        Assert.That(status.Upcoming, Is.EqualTo(new[] { soon, atHorizon }));
    }

    [Test]
    public void A_window_starting_exactly_now_is_current_not_upcoming()
    {
        var window = Window(1, Noon, TimeSpan.FromHours(1));

        var status = VocStatus.At(Noon, [window]);

        Assert.That(status.Current, Is.EqualTo(window));
        Assert.That(status.Upcoming, Is.Empty);
        Assert.That(status.Next, Is.Null);
    }

    [Test]
    public void Past_windows_are_ignored()
    {
        var past = Window(1, Noon - TimeSpan.FromDays(2), TimeSpan.FromHours(1));

        var status = VocStatus.At(Noon, ImmutableArray.Create(past));

        Assert.That(status.IsVoc, Is.False);
        Assert.That(status.Next, Is.Null);
    }

    [Test]
    public void The_status_holds_until_the_current_window_ends()
    {
        var current = Window(1, Noon.AddHours(-1), TimeSpan.FromHours(2));
        var later = Window(2, Noon.AddHours(5), TimeSpan.FromHours(1));

        var status = VocStatus.At(Noon, [current, later]);

        Assert.That(status.ValidUntil, Is.EqualTo(Noon.AddHours(1)));
    }

    [Test]
    public void The_status_holds_until_the_next_window_starts()
    {
        var next = Window(1, Noon.AddHours(3), TimeSpan.FromHours(2));

        var status = VocStatus.At(Noon, [next]);

        Assert.That(status.ValidUntil, Is.EqualTo(Noon.AddHours(3)));
    }

    [Test]
    public void The_status_holds_until_a_window_enters_the_48_hour_horizon()
    {
        var current = Window(1, Noon.AddHours(-1), TimeSpan.FromHours(30));
        var far = Window(2, Noon.AddHours(60), TimeSpan.FromHours(1));

        var status = VocStatus.At(Noon, [current, far]);

        Assert.That(status.Upcoming, Is.Empty);
        Assert.That(status.ValidUntil, Is.EqualTo(Noon.AddHours(12)), "60 h away enters (now, now + 48 h] in 12 h");
        Assert.That(VocStatus.At(Noon.AddHours(12), [current, far]).Upcoming, Is.EqualTo(new[] { far }));
        Assert.That(VocStatus.At(Noon.AddHours(12) - TimeSpan.FromTicks(1), [current, far]).Upcoming, Is.Empty);
    }

    [Test]
    public void With_no_windows_ahead_the_status_holds_indefinitely()
    {
        Assert.That(VocStatus.At(Noon, []).ValidUntil, Is.Null);
    }
}
