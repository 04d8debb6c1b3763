namespace LunarVoc.Application.Common.Behaviors;

/// <summary>The caching behavior's log lines: per request at Debug, the rest summarised.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Cache} cache hit ({Key})")]
    public static partial void CacheHit(ILogger logger, string cache, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Cache} cache miss ({Key}), fetching")]
    public static partial void CacheMiss(ILogger logger, string cache, string key);

    [LoggerMessage(Message = "{Cache} cache updated {Occurrences} times since the last report (latest fetched at {FetchedAt:o})")]
    public static partial void CacheUpdated(ILogger logger, LogLevel level, string cache, long occurrences, DateTimeOffset fetchedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Cache}: {Occurrences} answers served stale or refused since the last report; latest stale (age {AgeSeconds:0}s): {Reason}")]
    public static partial void StaleServed(ILogger logger, string cache, long occurrences, double ageSeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Cache}: {Occurrences} answers served stale or refused since the last report; latest refused: database unavailable and no answer to fall back on")]
    public static partial void NoFallback(ILogger logger, Exception exception, string cache, long occurrences);
}
