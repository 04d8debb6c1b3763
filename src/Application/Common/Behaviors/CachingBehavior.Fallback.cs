namespace LunarVoc.Application.Common.Behaviors;

/// <summary>
/// The fault path of a store query: the last good answer, kept as each answer goes out and served,
/// marked stale, when the store fails or is slower than the soft timeout while such an answer exists.
/// </summary>
public sealed partial class CachingBehavior<TMessage, TResponse>
{
    // During an outage every request may be served stale or refused: a line a minute, not a line a request.
    private readonly ThrottledLog _staleLog = new(timeProvider, TimeSpan.FromMinutes(1));

    // Store queries take no parameters: one last good answer per query type.
    private LastGood? _lastGood;

    private async ValueTask<TResponse> WithFallbackAsync(string key, ValueTask<TResponse> pending, CancellationToken cancellationToken)
    {
        if (pending.IsCompletedSuccessfully)
        {
            // A hit from memory: nothing to guard, only to remember.
            return Remember(key, pending.Result);
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var stale = _lastGood is { } last && last.Key == key && now - last.Answer.FetchedAt <= settings.MaxStaleness ? last : null;
        var refresh = pending.AsTask();
        try
        {
            if (stale is null)
            {
                return Remember(key, await refresh);
            }

            var first = await Task.WhenAny(refresh, Task.Delay(settings.SoftTimeout, timeProvider, cancellationToken));
            if (first == refresh)
            {
                return Remember(key, await refresh);
            }

            // The refresh goes on for the callers after this one; its failure is observed here.
            _ = refresh.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested(); // the caller left: no answer, stale or not
        }
        catch (DataSourceUnavailableException ex)
        {
            if (stale is null)
            {
                if (_staleLog.ShouldWrite(out var occurrences))
                {
                    PipelineLog.NoFallback(logger, ex, TMessage.CacheName, occurrences);
                }

                throw;
            }

            return Serve(stale.Answer, ex.Message);
        }

        return Serve(stale.Answer, "the refresh is slow");
    }

    /// <summary>Keeps the answer as the last good one unless a newer one is kept already.</summary>
    private TResponse Remember(string key, TResponse answer)
    {
        while (answer.CacheStatus != CacheStatus.Stale)
        {
            var last = Volatile.Read(ref _lastGood);
            if (last is not null && last.Key == key && last.Answer.FetchedAt >= answer.FetchedAt)
            {
                break;
            }

            if (Interlocked.CompareExchange(ref _lastGood, new LastGood(key, answer.WithCacheStatus(CacheStatus.Stale)), last) == last)
            {
                break;
            }
        }

        return answer;
    }

    private TResponse Serve(TResponse stale, string reason)
    {
        _counters.ServedStale();
        outage.ServedStale();
        var now = timeProvider.GetUtcNow();
        if (_staleLog.ShouldWrite(out var occurrences))
        {
            PipelineLog.StaleServed(logger, TMessage.CacheName, occurrences, (now - stale.FetchedAt).TotalSeconds, reason);
        }

        return stale.At(now);
    }

    /// <summary>The last answer read, already marked stale.</summary>
    private sealed record LastGood(string Key, TResponse Answer);
}
