using LunarVoc.Application.Ephemeris.GetEphemerisWindows;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;

namespace LunarVoc.Application.Ephemeris.GetComingWindows;

/// <summary>
/// The windows of the coming <see cref="Days"/> days, from the start of today (UTC): a calendar
/// feed's content. In the stored windows' convention the feed says what /status says: the stored
/// windows (providers' included) up to the last of them, and computed windows beyond it.
/// </summary>
public sealed record GetComingWindowsQuery(int Days, PlanetSet Planets) : IQuery<ComingWindows>, IValidated
{
    public const int MaxDays = 366;
}

/// <param name="From">The start of today (UTC), where the span begins.</param>
/// <param name="Until">Where the span ends.</param>
/// <param name="Windows">Every window overlapping the span, by start; stored ones with their id and source.</param>
public sealed record ComingWindows(DateTimeOffset From, DateTimeOffset Until, ImmutableArray<VocWindow> Windows);

public sealed class GetComingWindowsQueryHandler(ISender sender, TimeProvider timeProvider, IOptions<PrefetchOptions> prefetch)
    : IQueryHandler<GetComingWindowsQuery, ComingWindows>
{
    public async ValueTask<ComingWindows> Handle(GetComingWindowsQuery query, CancellationToken cancellationToken)
    {
        var today = new DateTimeOffset(timeProvider.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var until = today.AddDays(query.Days) > EphemerisRange.End ? EphemerisRange.End : today.AddDays(query.Days);
        var computed = await sender.Send(new GetEphemerisWindowsQuery(today, until, query.Planets), cancellationToken);
        var stored = query.Planets == prefetch.Value.Planets
            ? await StoredAsync(today, until, cancellationToken)
            : [];

        // Within the stored horizon the stored windows stand (as in /status); computed ones follow after it.
        // With nothing stored, every computed window overlapping the span shows, one under way since yesterday too.
        var horizon = stored.IsEmpty ? DateTimeOffset.MinValue : stored.Max(window => window.EndAt);
        var windows = stored
            .Concat(computed.Where(window => window.StartAt >= horizon).Select(window => new VocWindow(0, window.StartAt, window.EndAt, ComputedVocWindow.Source, window.Details)))
            .OrderBy(window => window.StartAt)
            .ToImmutableArray();
        return new ComingWindows(today, until, windows);
    }

    private async ValueTask<ImmutableArray<VocWindow>> StoredAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await sender.Send(new ReadCalendarWindowsQuery(), cancellationToken);
            return [.. snapshot.Windows.Where(window => window.EndAt > from && window.StartAt < until)];
        }
        catch (DataSourceUnavailableException)
        {
            // The store is down and nothing was read before: the feed is still useful computed.
            return [];
        }
    }
}

/// <summary>The stored windows from the start of today up to the longest feed. Cached, retried, served stale.</summary>
public sealed record ReadCalendarWindowsQuery : IStoreQuery<VocWindowSnapshot>
{
    public static string CacheName => "voc_calendar";

    public string CacheKey => CacheName;

    public static IReadOnlyList<string> Tags => VocWindowSnapshot.Tags;

    public static TimeSpan Ttl(CachingOptions options) => options.StatusTtl;
}

public sealed class ReadCalendarWindowsQueryHandler(IVocWindowRepository repository, TimeProvider timeProvider)
    : IQueryHandler<ReadCalendarWindowsQuery, VocWindowSnapshot>
{
    public async ValueTask<VocWindowSnapshot> Handle(ReadCalendarWindowsQuery query, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var windows = await repository.GetWindowsAsync(today, today.AddDays(GetComingWindowsQuery.MaxDays), cancellationToken);
        return new VocWindowSnapshot(windows, now);
    }
}
