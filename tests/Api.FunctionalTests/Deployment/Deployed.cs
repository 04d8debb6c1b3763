using System.Diagnostics;
using System.Net;

namespace LunarVoc.Api.FunctionalTests.Deployment;

internal static class Deployed
{
    /// <summary>Whether the service answered /health/ready with 200 within the bound a start-up is given (asked every 200 ms).</summary>
    public static async Task<bool> ReadyAsync(HttpClient client, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < bound)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return false;
    }

    /// <summary>The last value read: the first for which <paramref name="done"/> holds, or the one read when the bound ran out.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var value = await read();
        while (!done(value) && clock.Elapsed < bound)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            value = await read();
        }

        return value;
    }
}
