using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Application.VocWindows.PrefetchVocWindows;
using Mediator;

namespace LunarVoc.Infrastructure.Prefetch;

/// <summary>
/// Keeps the coming months of computed windows stored: a run at start-up, then one per interval,
/// each followed by warming the status and current caches. It never holds up start-up or
/// readiness, and a failed run is logged and left to the next one; it never stops the host.
/// </summary>
internal sealed partial class VocPrefetchService(
    ISender sender,
    TimeProvider timeProvider,
    IOptions<PrefetchOptions> options,
    ILogger<VocPrefetchService> logger) : BackgroundLoop
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await sender.Send(new PrefetchVocWindowsCommand(), stoppingToken);
            if (result.Ran)
            {
                await sender.Send(new GetVocStatusQuery(), stoppingToken);
                await sender.Send(new GetCurrentVocQuery(), stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, options.Value.IntervalHours);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefetch of computed windows is disabled")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prefetch of computed windows failed; next try in {IntervalHours} h")]
    private static partial void LogFailed(ILogger logger, Exception exception, double intervalHours);
}
