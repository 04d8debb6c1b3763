namespace LunarVoc.Application.Moon.GetMoon;

/// <summary>The Moon at an instant asked for, or now.</summary>
public sealed record GetMoonQuery(DateTimeOffset? At) : IQuery<MoonAnswer>, IValidated;

/// <summary>The report, and how long it may be kept.</summary>
public sealed record MoonAnswer(MoonReport Report, TimeSpan MaxAge);

/// <summary>
/// An instant asked for is described for good. "Now" is described at the start of the current
/// minute — or at the last change within it (an ingress, a phase, a void's start or end), so no
/// answer contradicts the events it names — and kept until the next minute or change: a few
/// reports a minute, each computed once and served from the cache.
/// </summary>
public sealed class GetMoonQueryHandler(MoonReports reports, ISender sender, TimeProvider timeProvider) : IQueryHandler<GetMoonQuery, MoonAnswer>
{
    private const int MostChangesInAMinute = 8;
    private static readonly TimeSpan FixedInstantMaxAge = TimeSpan.FromDays(1);

    public async ValueTask<MoonAnswer> Handle(GetMoonQuery query, CancellationToken cancellationToken)
    {
        if (query.At is { } at)
        {
            return new MoonAnswer(await reports.AtAsync(at, cancellationToken), FixedInstantMaxAge);
        }

        var now = timeProvider.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var report = await sender.Send(new ReadMoonQuery(minute), cancellationToken);
        for (var changes = 0; changes < MostChangesInAMinute && report.NextChange <= now; changes++)
        {
            report = await sender.Send(new ReadMoonQuery(report.NextChange), cancellationToken);
        }

        var until = report.NextChange < minute.AddMinutes(1) ? report.NextChange : minute.AddMinutes(1);
        return new MoonAnswer(report, TimeSpan.FromSeconds(Math.Floor(Math.Max(0, (until - now).TotalSeconds))));
    }
}

/// <summary>
/// The Moon at the start of a minute or at a change within it: what "now" is answered from. Only
/// these instants are cached — a few a minute, each for two minutes — so the keys stay bounded
/// whatever clients ask; an instant asked for is computed each time.
/// </summary>
public sealed record ReadMoonQuery(DateTimeOffset Instant) : ICachedQuery<MoonReport>
{
    public static string CacheName => "moon_now";

    public string CacheKey => $"moon-now:{Instant.ToUnixTimeSeconds()}";

    public static IReadOnlyList<string> Tags => ["moon"];

    public static TimeSpan Ttl(CachingOptions options) => TimeSpan.FromMinutes(2);
}

public sealed class ReadMoonQueryHandler(MoonReports reports) : IQueryHandler<ReadMoonQuery, MoonReport>
{
    public ValueTask<MoonReport> Handle(ReadMoonQuery query, CancellationToken cancellationToken) =>
        reports.AtAsync(query.Instant, cancellationToken);
}
