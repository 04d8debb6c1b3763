using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc;

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

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        if (HttpCaching.ApplyAndCheckNotModified(context.HttpContext, etag, maxAge))
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
}
