using System.Text.Json;
using System.Text.RegularExpressions;
using LunarVoc.Application.Common.Telemetry;
using LunarVoc.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace LunarVoc.Api.Operations;

/// <summary>What operators use: Prometheus metrics, liveness and readiness, JSON logs with a correlation id.</summary>
public static partial class Operations
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddMeter(LunarVocMetrics.MeterName, "Npgsql")
            .AddPrometheusExporter());

        if (builder.Configuration.GetValue("Logging:Json", defaultValue: false))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LunarVoc.Infrastructure.HealthChecks.ReadyTag),
            ResponseWriter = WriteHealthAsync,
        });
        return app;
    }

    /// <summary>
    /// A correlation id per request: the caller's X-Correlation-Id when it is a plain token,
    /// otherwise the request's trace id; echoed in the response and in every log line's scope.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var supplied = context.Request.Headers[CorrelationHeader].ToString();
            var correlationId = supplied.Length is > 0 and <= 64 && PlainToken().IsMatch(supplied)
                ? supplied
                : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            context.Response.Headers[CorrelationHeader] = correlationId;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LunarVoc.Requests");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
            {
                await next(context);
            }
        });

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        }));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PlainToken();
}
