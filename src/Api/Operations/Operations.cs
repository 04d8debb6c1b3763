using LunarVoc.Application.Common.Telemetry;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LunarVoc.Api.Operations;

/// <summary>What operators use: Prometheus metrics and JSON logs; the probes are in <see cref="HealthEndpoints"/>, the correlation id in <see cref="CorrelationId"/>.</summary>
public static class Operations
{
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
        return app.MapHealth(reads);
    }

}
