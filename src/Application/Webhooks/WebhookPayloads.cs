using System.Text.Json;
using System.Text.Json.Nodes;

namespace LunarVoc.Application.Webhooks;

/// <summary>The body of every webhook: {"type", "timestamp", "data"}, snake_case like the REST answers.</summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A body for an event at <paramref name="occursAt"/> (the timestamp names the event's instant, so a late delivery shows as late).</summary>
    public static string Of(string type, DateTimeOffset occursAt, object data) =>
        new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = occursAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = JsonSerializer.SerializeToNode(data, Json),
        }.ToJsonString();
}
