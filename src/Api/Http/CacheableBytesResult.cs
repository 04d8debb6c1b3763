using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace LunarVoc.Api.Http;

/// <summary>
/// The one conditional-GET path: a 200 answer whose body is already serialised, with its entity tag
/// and how long clients may keep it — written as it is, or as 304 with no body when the client
/// already holds it (If-None-Match). JSON reads and the calendar feed alike.
/// </summary>
internal sealed class CacheableBytesResult(byte[] body, string etag, TimeSpan maxAge, string contentType = CacheableBytesResult.Json, string? fileName = null)
    : IActionResult
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>A body whose entity tag is worked out from its bytes.</summary>
    public CacheableBytesResult(byte[] body, TimeSpan maxAge, string contentType = Json, string? fileName = null)
        : this(body, ETagOf(body), maxAge, contentType, fileName)
    {
    }

    /// <summary>A strong entity tag: the first 16 bytes of the body's SHA-256, base64url.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return $"\"{Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        if (ApplyAndCheckNotModified(context.HttpContext))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (fileName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        }

        return response.Body.WriteAsync(body, context.HttpContext.RequestAborted).AsTask();
    }

    /// <summary>Sets ETag and Cache-Control; true when the client's copy is current (answer 304, no body).</summary>
    private bool ApplyAndCheckNotModified(HttpContext context)
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
