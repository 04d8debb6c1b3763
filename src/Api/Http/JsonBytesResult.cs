using Microsoft.AspNetCore.Mvc;

namespace LunarVoc.Api.Http;

/// <summary>
/// A 200 answer whose JSON is already serialised, with its entity tag and how long clients may
/// cache it: written as it is, or as 304 with no body when the client already holds it.
/// </summary>
internal sealed class JsonBytesResult(byte[] body, string etag, TimeSpan maxAge) : IActionResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        if (HttpCaching.ApplyAndCheckNotModified(context.HttpContext, etag, maxAge))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.HttpContext.RequestAborted).AsTask();
    }
}
