using System.Text.Json;
using System.Text.Json.Nodes;

namespace LunarVoc.Application.Webhooks;

/// <summary>The body of every webhook: {"type", "timestamp", "data"}, snake_case like the REST answers.</summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A window with the REST answers' fields (its instants to the second).</summary>
    public static object Window(VocWindow window) => new
    {
        window.Id,
        StartAt = Instant(window.StartAt),
        EndAt = Instant(window.EndAt),
        window.Source,
        Sign = window.Details?.Sign.ToString(),
        NextSign = window.Details?.NextSign.ToString(),
        LastAspect = window.Details?.LastAspect is { } aspect ? new { Planet = aspect.Planet.ToString(), Aspect = aspect.Aspect.ToString().ToLowerInvariant() } : null,
    };

    /// <summary>An instant in a webhook body: UTC, to the second (the REST answers also write a fraction of a second when an instant has one).</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A body for an event at <paramref name="occursAt"/> (the timestamp names the event's instant, so a late delivery shows as late).</summary>
    public static string Of(string type, DateTimeOffset occursAt, object data) =>
        new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = Instant(occursAt),
            ["data"] = JsonSerializer.SerializeToNode(data, Json),
        }.ToJsonString();
}
