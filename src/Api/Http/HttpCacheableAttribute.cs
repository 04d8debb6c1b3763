using Microsoft.AspNetCore.Mvc.Filters;

namespace LunarVoc.Api.Http;

/// <summary>
/// For reads answered with an object: serialises it once, tags it, lets clients and CDNs keep it
/// for <paramref name="maxAgeSeconds"/>, and answers If-None-Match with 304.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HttpCacheableAttribute(int maxAgeSeconds) : Attribute, IAsyncResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is ObjectResult { Value: { } value } result && (result.StatusCode ?? StatusCodes.Status200OK) == StatusCodes.Status200OK)
        {
            var json = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
            context.Result = new CacheableBytesResult(body, TimeSpan.FromSeconds(maxAgeSeconds));
        }

        return next();
    }
}
