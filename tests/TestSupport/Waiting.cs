namespace LunarVoc.TestSupport;

/// <summary>Waits on a condition, not on time: reads until it holds, a bounded number of times (real time only for the I/O in between).</summary>
public static class Waiting
{
    /// <summary>The last value read: the first for which <paramref name="done"/> holds, or the one read when the bound ran out (the test's assertion then says what was wrong).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 200 && !done(value); i++)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }

    /// <summary>As <see cref="UntilAsync{T}(Func{Task{T}}, Func{T, bool})"/>, for a condition given longer than 10 s (a start-up): read every 200 ms until the bound.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan bound)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var value = await read();
        while (!done(value) && clock.Elapsed < bound)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            value = await read();
        }

        return value;
    }
}
