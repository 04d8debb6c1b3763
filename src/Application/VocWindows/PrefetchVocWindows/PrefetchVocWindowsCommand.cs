using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Ephemeris.GetEphemerisWindows;

namespace LunarVoc.Application.VocWindows.PrefetchVocWindows;

/// <summary>Computes the windows of [now − DaysBehind, now + DaysAhead] and stores them.</summary>
public sealed record PrefetchVocWindowsCommand : ICommand<PrefetchResult>, IInvalidatesCache
{
    IReadOnlyList<string> IInvalidatesCache.InvalidatedTags => VocWindowSnapshot.Tags;
}

/// <summary>What a run did; <see cref="Ran"/> is false when another instance held the lock.</summary>
public sealed record PrefetchResult(bool Ran, int Computed, StoreComputedResult? Stored) : IWindowsChange
{
    public bool ChangedWindows => Stored is { } stored && (stored.Inserted > 0 || stored.Updated > 0);

    public static readonly PrefetchResult Skipped = new(false, 0, null);
}

public sealed partial class PrefetchVocWindowsCommandHandler(
    ISender sender,
    IVocWindowRepository repository,
    IExclusiveLock exclusiveLock,
    TimeProvider timeProvider,
    IOptions<PrefetchOptions> options,
    LunarVocMetrics metrics,
    ILogger<PrefetchVocWindowsCommandHandler> logger)
    : ICommandHandler<PrefetchVocWindowsCommand, PrefetchResult>
{
    public const string LockName = "lunarvoc-prefetch";

    public async ValueTask<PrefetchResult> Handle(PrefetchVocWindowsCommand command, CancellationToken cancellationToken)
    {
        await using var held = await exclusiveLock.TryAcquireAsync(LockName, cancellationToken);
        if (held is null)
        {
            LogSkipped(logger);
            metrics.PrefetchRan("skipped", 0);
            return PrefetchResult.Skipped;
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        // Through the cached ephemeris: the years computed here also answer /ephemeris and the calendar.
        var windows = await sender.Send(new GetEphemerisWindowsQuery(now.AddDays(-settings.DaysBehind), now.AddDays(settings.DaysAhead), settings.Planets), cancellationToken);
        var stored = await repository.StoreComputedAsync(windows, cancellationToken);
        LogStored(logger, windows.Length, stored.Inserted, stored.Updated, stored.Unchanged, stored.KeptFromOtherSources.Length);
        metrics.PrefetchRan("stored", windows.Length);
        return new PrefetchResult(true, windows.Length, stored);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefetch skipped: another instance is computing windows")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefetch computed {Computed} windows: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Kept} left to other sources")]
    private static partial void LogStored(ILogger logger, int computed, int inserted, int updated, int unchanged, int kept);
}
