using System.Threading.RateLimiting;

namespace LunarVoc.Api.Security;

/// <summary>
/// The client's budget, shown before it runs out (IETF httpapi-ratelimit-headers):
/// <c>RateLimit-Policy: "per-client";q=300;w=60</c> (quota per window) and
/// <c>RateLimit: "per-client";r=299;t=60</c> (requests left, and seconds until the window resets
/// at the latest: the fixed window's start is not exposed, so <c>t</c> is an upper bound).
/// </summary>
internal static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string State = "RateLimit";
    private const string PolicyName = "\"per-client\"";

    public static void Write(HttpResponse response, RateLimiterStatistics statistics, RateLimitOptions options)
    {
        var window = options.WindowSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers[Policy] = string.Create(CultureInfo.InvariantCulture, $"{PolicyName};q={options.ReadsPerWindow};w={window}");
        response.Headers[State] = string.Create(CultureInfo.InvariantCulture, $"{PolicyName};r={statistics.CurrentAvailablePermits};t={window}");
    }
}
