using System.Net;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Deployment;

internal static class Deployed
{
    /// <summary>Whether the service answered /health/ready with 200 within the bound a start-up is given.</summary>
    public static Task<bool> ReadyAsync(HttpClient client, TimeSpan bound) =>
        Waiting.UntilAsync(() => AnswersReadyAsync(client), ready => ready, bound);

    private static async Task<bool> AnswersReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet
        }
    }
}
