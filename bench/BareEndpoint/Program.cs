using System.Text;
using System.Threading.RateLimiting;
using LunarVoc.Bench.BareEndpoint;
using Microsoft.AspNetCore.Mvc;

var body = Encoding.UTF8.GetBytes(File.ReadAllText(Environment.GetEnvironmentVariable("BARE_BODY_FILE")!));
// The same host defaults as the service, so the ratios measure only what the service does per request.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSingleton(new FixedBody(body));
// The second floor: an [ApiController] action behind the middleware the service needs (rate limiter,
// authentication, authorization), with the limits off as in the benchmark's service.
builder.Services.AddControllers();
builder.Services.AddRateLimiter(limiter => limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetNoLimiter("off")));
builder.Services.AddAuthentication();
builder.Services.AddAuthorization();
var app = builder.Build();
app.MapGet("/", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.Run();

namespace LunarVoc.Bench.BareEndpoint
{
    /// <summary>The status body, byte for byte.</summary>
    public sealed record FixedBody(byte[] Bytes);

    /// <summary>An action that does nothing but write the body: what MVC and the middleware cost on their own.</summary>
    [ApiController]
    [Route("empty")]
    public sealed class EmptyController : ControllerBase
    {
        [HttpGet]
        public Task Get([FromServices] FixedBody body)
        {
            Response.ContentType = "application/json; charset=utf-8";
            return Response.Body.WriteAsync(body.Bytes, HttpContext.RequestAborted).AsTask();
        }
    }
}
