using System.Collections.Immutable;

namespace LunarVoc.Domain.VocWindows;

/// <summary>What is true about the Moon's course at one instant, derived from a set of windows.</summary>
public sealed record VocStatus(
    DateTimeOffset Instant,
    VocWindow? Current,
    VocWindow? Next,
    ImmutableArray<VocWindow> Upcoming,
    DateTimeOffset? ValidUntil)
{
    public static readonly TimeSpan UpcomingHorizon = TimeSpan.FromHours(48);

    public bool IsVoc => Current is not null;

    /// <summary>
    /// Derives the status at <paramref name="at"/>: the window containing it, the first window
    /// starting after it, and every window starting in (at, at + 48 h].
    /// </summary>
    /// <remarks>
    /// <see cref="ValidUntil"/> is the first later instant at which this answer changes: the
    /// current window ends, the next one starts, or a window enters the 48 h horizon (null: never,
    /// as far as these windows tell).
    /// </remarks>
    /// <param name="at">The instant the status is for.</param>
    /// <param name="windowsByStart">Windows ordered by start.</param>
    public static VocStatus At(DateTimeOffset at, ImmutableArray<VocWindow> windowsByStart)
    {
        VocWindow? current = null;
        VocWindow? next = null;
        VocWindow? beyondHorizon = null;
        var upcoming = ImmutableArray.CreateBuilder<VocWindow>();
        var horizon = at + UpcomingHorizon;

        foreach (var window in windowsByStart)
        {
            if (window.Contains(at))
            {
                current ??= window;
            }
            else if (window.StartAt > at)
            {
                next ??= window;
                if (window.StartAt <= horizon)
                {
                    upcoming.Add(window);
                }
                else
                {
                    beyondHorizon ??= window;
                }
            }
        }

        var validUntil = Earliest(Earliest(current?.EndAt, next?.StartAt), beyondHorizon?.StartAt - UpcomingHorizon);
        return new VocStatus(at, current, next, upcoming.ToImmutable(), validUntil);
    }

    /// <summary>Whether <paramref name="other"/> says the same of the windows (whatever instant each was worked out at).</summary>
    public bool SaysTheSameAs(VocStatus other) =>
        Current == other.Current && Next == other.Next && Upcoming.SequenceEqual(other.Upcoming);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => a < b ? a : b,
    };
}
