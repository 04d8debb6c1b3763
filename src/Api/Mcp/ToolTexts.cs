namespace LunarVoc.Api.Mcp;

/// <summary>The short text beside each tool's structured answer, for assistants and people reading it; instants in UTC, or local when a zone was asked for.</summary>
public static class ToolTexts
{
    private const int MostListed = 12;

    public static string Status(VocStatusResponse status)
    {
        var text = status.Current is { } current
            ? $"The Moon is void of course until {End(current.EndAt, current.EndLocal)}{Signs(current.Sign, current.NextSign)}, since {At(current.StartAt, current.StartLocal)}."
            : "The Moon is not void of course.";
        if (status.Next is { } next)
        {
            text += $" The next void starts {At(next.StartAt, next.StartLocal)} and ends {End(next.EndAt, next.EndLocal)}.";
        }

        text += $" Windows starting in the next 48 hours: {status.Upcoming.Count}.";
        return status.Stale ? $"{text} Stale: the database could not be read; this is the last good answer, read at {At(status.AsOf, null)}." : text;
    }

    public static string Windows(EphemerisResponse answer, TimeZoneInfo? zone) =>
        List(
            $"{Count(answer.Windows.Count, "void-of-course window")} from {At(answer.From, LocalTime.In(zone, answer.From))} to {At(answer.To, LocalTime.In(zone, answer.To))} ({answer.Planets} planets)",
            answer.Windows.Select(w => $"{At(w.StartAt, w.StartLocal)} to {At(w.EndAt, w.EndLocal)}, {w.Sign} to {w.NextSign}").ToList());

    public static string Sky(MoonSkyResponse sky)
    {
        var place = $"At {sky.Place.Lat:0.####}°, {sky.Place.Lon:0.####}° ({sky.TimeZone})";
        var lines = sky.Days.Select(day =>
            $"{day.Date}: rises {Crossing(day.Rise, day.NoRise)}, sets {Crossing(day.Set, day.NoSet)}"
            + (day.Culmination is { } top ? $", culminates {top.AtLocal} at {top.Altitude:0.0}°" : string.Empty)).ToList();
        var text = List($"{place}, {Count(sky.Days.Count, "day")}", lines);
        return sky.Now is { } now
            ? $"{text}\nNow ({now.AtLocal}) the Moon is {(now.AboveHorizon ? "up" : "down")}, {now.Altitude:0.0}° high at azimuth {now.Azimuth:0}°; next rise {now.NextRise?.AtLocal ?? "none within 35 days"}, next set {now.NextSet?.AtLocal ?? "none within 35 days"}."
            : text;
    }

    private static string Crossing(MoonCrossingResponse? crossing, string? none) =>
        crossing is { } c ? $"{c.AtLocal} (azimuth {c.Azimuth:0}°)" : $"none ({none?.Replace('_', ' ')})";

    public static string Moon(MoonResponse moon)
    {
        var text = $"At {At(moon.At, moon.AtLocal)} the Moon is at {moon.Degree:0.0}° {moon.Sign}, {moon.Phase.Replace('_', ' ')}, {moon.Illumination * 100:0}% lit. It enters {moon.NextIngress.Sign} at {At(moon.NextIngress.At, moon.NextIngress.AtLocal)}.";
        return moon.Void is { } window
            ? $"{text} It is void of course from {At(window.StartAt, window.StartLocal)} to {At(window.EndAt, window.EndLocal)}."
            : $"{text} It is not void of course.";
    }

    public static string Phases(MoonPhasesResponse answer, TimeZoneInfo? zone) =>
        List(
            $"{Count(answer.Phases.Count, "principal phase")} from {At(answer.From, LocalTime.In(zone, answer.From))} to {At(answer.To, LocalTime.In(zone, answer.To))}",
            answer.Phases.Select(p => $"{p.Phase.Replace('_', ' ')} at {At(p.At, p.AtLocal)}").ToList());

    private static string List(string heading, List<string> lines) =>
        lines.Count == 0
            ? $"{heading}."
            : $"{heading}:\n- {string.Join("\n- ", lines.Take(MostListed))}{(lines.Count > MostListed ? $"\n(and {lines.Count - MostListed} more in the structured answer)" : "")}";

    private static string Count(int count, string thing) => count == 1 ? $"1 {thing}" : $"{count} {thing}s";

    private static string At(DateTimeOffset instant, string? local) => local ?? IsoInstant.Format(instant);

    private static string End(DateTimeOffset instant, string? local) => At(instant, local);

    private static string Signs(string? sign, string? next) => sign is null || next is null ? "" : $" (in {sign}, entering {next})";
}
