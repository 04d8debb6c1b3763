namespace LunarVoc.Infrastructure.Persistence;

/// <summary>
/// Every database call goes through here. It gets the request's database budget (connecting and its
/// statements together): past it, or when the caller goes away, the caller is answered at once and the
/// call is abandoned — never cancelled, and Npgsql has no statement timeout of its own: either would
/// make Npgsql send the server a cancel request and wait for its answer on a blocked thread-pool
/// thread, which a frozen server never gives, and a few of those starve every request. An abandoned
/// call ends when the server answers or its connection breaks (connect timeout, TCP keepalives).
/// Npgsql's failures become the application's own exception (<c>DatabaseCalls.Errors.cs</c>).
/// </summary>
internal sealed partial class DatabaseCalls(IOptions<RetryOptions> options, TimeProvider timeProvider)
{
    /// <param name="operation">The call; the token it gets is never cancelled (see above).</param>
    /// <param name="cancellationToken">The caller going away: it is answered at once.</param>
    /// <param name="budget">Another budget than the request's: shorter for a readiness check, none (infinite) for a lock.</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var work = TranslateAsync(operation);
        try
        {
            return await work.WaitAsync(budget ?? options.Value.Budget, timeProvider, cancellationToken);
        }
        catch (TimeoutException ex) when (!work.IsCompleted)
        {
            throw new DataSourceUnavailableException("The window store did not answer within the database budget.", isTransient: false, ex);
        }
        finally
        {
            if (!work.IsCompleted)
            {
                // Abandoned: observe its outcome when it ends, so a late failure is not an unobserved exception.
                _ = work.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
