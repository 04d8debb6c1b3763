using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace LunarVoc.Api.Http;

/// <summary>Entity tags from the body's bytes, Cache-Control, and If-None-Match answered with 304.</summary>
public static class HttpCaching
{
    /// <summary>A strong entity tag: the first 16 bytes of the body's SHA-256, base64url.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return $"\"{Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }

    /// <summary>Sets ETag and Cache-Control; true when the client's copy is current (answer 304, no body).</summary>
    public static bool ApplyAndCheckNotModified(HttpContext context, string etag, TimeSpan maxAge)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={Math.Max(0, (long)maxAge.TotalSeconds)}");
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        foreach (var value in ifNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var candidate in value.Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
