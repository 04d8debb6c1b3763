using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LunarVoc.Api.Json;

/// <summary>The API's JSON, one definition for the REST answers and bodies and for the MCP tools' answers and schemas.</summary>
public static class ApiJson
{
    /// <summary>The options as configured below, for writers outside MVC (the MCP tools).</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });

    public static JsonSerializerOptions Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // The contract is exact snake_case: START_AT is an unknown field, and a key sent twice is refused, not "last wins".
        json.PropertyNameCaseInsensitive = false;
        json.AllowDuplicateProperties = false;
        json.Converters.Add(new UtcDateTimeOffsetConverter());
        // JSON for API clients, never embedded in HTML: '+' in an offset stays '+', not \u002B.
        json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return json;
    }
}
