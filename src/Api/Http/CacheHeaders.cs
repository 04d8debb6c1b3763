using System.Globalization;
using LunarVoc.Application.Common.Caching;

namespace LunarVoc.Api.Http;

/// <summary>X-Cache (HIT | MISS | STALE) on every response, and Age on answers served from memory.</summary>
internal static class CacheHeaders
{
    public const string XCache = "X-Cache";

    public static void Apply(HttpResponse response, CacheStatus status, DateTimeOffset fetchedAt, DateTimeOffset now)
    {
        response.Headers[XCache] = status switch
        {
            CacheStatus.Hit => "HIT",
            CacheStatus.Stale => "STALE",
            _ => "MISS",
        };
        if (status != CacheStatus.Miss)
        {
            var age = Math.Max(0, (long)(now - fetchedAt).TotalSeconds);
            response.Headers.Age = age.ToString(CultureInfo.InvariantCulture);
        }
    }
}
