using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LunarVoc.Api.Operations;

/// <summary>Liveness (the process answers) and readiness (the checks, at most a second old) as small JSON documents.</summary>
internal static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app, string[] methods)
    {
        app.MapMethods("/health/live", methods, (HttpContext context) => WriteHealthAsync(context, new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero)));
        app.MapMethods("/health/ready", methods, async (HttpContext context, RecentHealthReport report) => await WriteHealthAsync(context, await report.GetAsync()));
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        }));
    }
}
