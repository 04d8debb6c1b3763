using System.Text;
using LunarVoc.Api;
using LunarVoc.Bench.BareEndpoint;
using Microsoft.AspNetCore.Mvc;

// BENCH_FLOOR=service: the service's own host (every middleware, metrics, headers, limits as
// configured) with one more controller, the empty action below. Otherwise: bare Kestrel.
if (Environment.GetEnvironmentVariable("BENCH_FLOOR") == "service")
{
    LunarVocApp.Build(args).Run();
    return;
}

// The same host defaults as the service, so the ratio measures what the service does per request.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    return context.Response.Body.WriteAsync(FixedBody.Bytes).AsTask();
});
app.Run();

namespace LunarVoc.Bench.BareEndpoint
{
    /// <summary>The status body, byte for byte.</summary>
    internal static class FixedBody
    {
        public static readonly byte[] Bytes = Encoding.UTF8.GetBytes(File.ReadAllText(Environment.GetEnvironmentVariable("BARE_BODY_FILE")!));
    }

    /// <summary>
    /// An action that does nothing but write the body: what MVC and the service's middleware cost on
    /// their own. Under /api like the reads, so it takes the same branch of the pipeline.
    /// </summary>
    [ApiController]
    [Route("api/bench/empty")]
    public sealed class EmptyController : ControllerBase
    {
        [HttpGet]
        public Task Get()
        {
            Response.ContentType = "application/json; charset=utf-8";
            return Response.Body.WriteAsync(FixedBody.Bytes, HttpContext.RequestAborted).AsTask();
        }
    }
}
