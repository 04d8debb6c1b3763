using System.Text.Json;
using System.Text.RegularExpressions;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LunarVoc.Api.Operations;

/// <summary>What operators use: Prometheus metrics, liveness and readiness, JSON logs with a correlation id.</summary>
public static partial class Operations
{
    public const string CorrelationHeader = "X-Correlation-Id";

    private static readonly string[] LabelledMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql"];

    private static readonly string[] PublicLabels =
    [
        "http.request.method", "http.response.status_code", "http.route", "url.scheme", "error.type",
        "network.protocol.name", "network.protocol.version", "network.transport", "network.type",
        "db.client.connection.state", "db.operation.name", "db.system.name",
    ];

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RecentHealthReport>();
        builder.Services.AddOpenTelemetry()
            // No SDK versions or host attributes in target_info: /metrics is as public as the API.
            .ConfigureResource(resource => resource.Clear().AddService("lunarvoc", autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(LunarVocMetrics.MeterName)
                .AddMeter(LabelledMeters)
                // Kestrel labels with the listening address and port, Npgsql with the connection string:
                // the frameworks' instruments keep only the labels that are safe to publish.
                .AddView(instrument => LabelledMeters.Contains(instrument.Meter.Name) ? new MetricStreamConfiguration { TagKeys = PublicLabels } : null)
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

    /// <summary>Scrapes and probes read; anything but GET or HEAD is answered 405.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        string[] reads = [HttpMethods.Get, HttpMethods.Head];
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata(reads));
        app.MapMethods("/health/live", reads, (HttpContext context) => WriteHealthAsync(context, new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero)));
        app.MapMethods("/health/ready", reads, async (HttpContext context, RecentHealthReport report) => await WriteHealthAsync(context, await report.GetAsync()));
        return app;
    }

    /// <summary>
    /// A correlation id per request: the caller's X-Correlation-Id when it is a plain token (then
    /// added to every log line's scope), otherwise the request's trace id; echoed in the response.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var supplied = context.Request.Headers[CorrelationHeader].ToString();
            if (supplied.Length is > 0 and <= 64 && PlainToken().IsMatch(supplied))
            {
                context.Response.Headers[CorrelationHeader] = supplied;
                using (RequestLogger(context).BeginScope(new CorrelationScope(supplied)))
                {
                    await next(context);
                }

                return;
            }

            // Usually none is supplied: the trace id is the correlation id, and every log line of the
            // request already carries it in the host's own scope (TraceId).
            context.Response.Headers[CorrelationHeader] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            await next(context);
        });

    private static ILogger RequestLogger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LunarVoc.Requests");

    /// <summary>A log scope with one property, CorrelationId.</summary>
    private sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] => new("CorrelationId", correlationId);

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{correlationId}";
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

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PlainToken();
}
