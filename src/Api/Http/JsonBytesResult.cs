using Microsoft.AspNetCore.Mvc;

namespace LunarVoc.Api.Http;

/// <summary>
/// A 200 answer whose JSON is already serialised: written as it is, without the range, entity-tag
/// and stream-copy handling of a file result, which a memoised body polled all day has no use for.
/// </summary>
internal sealed class JsonBytesResult(byte[] body) : IActionResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.HttpContext.RequestAborted).AsTask();
    }
}
