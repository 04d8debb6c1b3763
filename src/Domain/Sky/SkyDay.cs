namespace LunarVoc.Domain.Sky;

/// <summary>Why a day has no rise, or no set.</summary>
public enum NoCrossing
{
    /// <summary>The Moon is above the horizon the whole day.</summary>
    AlwaysAbove,

    /// <summary>The Moon is below the horizon the whole day.</summary>
    AlwaysBelow,

    /// <summary>It crosses the horizon the other way that day, not this way (a lunar day is about 24 h 50 min long).</summary>
    NoneThatDay,
}

/// <summary>One day's rises, sets and culminations at a place, by instant; and, where there is no rise or no set, why.</summary>
public sealed record SkyDay(
    IReadOnlyList<SkyEvent> Rises,
    IReadOnlyList<SkyEvent> Sets,
    IReadOnlyList<SkyEvent> Culminations,
    NoCrossing? NoRise,
    NoCrossing? NoSet)
{
    /// <summary>The day [<paramref name="from"/>, <paramref name="until"/>) in Unix seconds.</summary>
    public static SkyDay Of(MoonTracks tracks, Place place, Horizon horizon, double from, double until)
    {
        var events = MoonSky.Events(tracks, place, horizon, from, until);
        var rises = events.Where(e => e.Kind == SkyEventKind.Rise).ToList();
        var sets = events.Where(e => e.Kind == SkyEventKind.Set).ToList();
        var culminations = events.Where(e => e.Kind == SkyEventKind.Culmination).ToList();
        var allDay = MoonSky.IsUp(tracks, place, horizon, from) ? NoCrossing.AlwaysAbove : NoCrossing.AlwaysBelow;
        return new SkyDay(
            rises,
            sets,
            culminations,
            rises.Count > 0 ? null : sets.Count > 0 ? NoCrossing.NoneThatDay : allDay,
            sets.Count > 0 ? null : rises.Count > 0 ? NoCrossing.NoneThatDay : allDay);
    }
}

/// <summary>The Moon seen from a place at an instant, and its next rise and set (none found within the search: null).</summary>
public sealed record SkyNow(double At, Topocentric Position, bool AboveHorizon, SkyEvent? NextRise, SkyEvent? NextSet)
{
    /// <summary>How far ahead the next rise and set are looked for: longer than the Moon stays up or down anywhere below the polar circles' edge.</summary>
    public static readonly TimeSpan Search = TimeSpan.FromDays(35);

    public static SkyNow Of(MoonTracks tracks, Place place, Horizon horizon, double now)
    {
        SkyEvent? rise = null, set = null;
        for (var from = now; from < now + Search.TotalSeconds && (rise is null || set is null); from += 86400)
        {
            foreach (var e in MoonSky.Events(tracks, place, horizon, from, from + 86400))
            {
                rise ??= e.Kind == SkyEventKind.Rise ? e : null;
                set ??= e.Kind == SkyEventKind.Set ? e : null;
            }
        }

        return new SkyNow(now, MoonSky.At(tracks, place, now), MoonSky.IsUp(tracks, place, horizon, now), rise, set);
    }
}
