using System.Text.Json.Nodes;

namespace LunarVoc.Api.Swagger;

/// <summary>A string member of an answer whose values are the names of a domain enum, as the answers write them: the OpenAPI document lists them.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WireNamesAttribute(Type enumType, WireCase wireCase = WireCase.AsNamed) : Attribute
{
    public IEnumerable<string> Values => Enum.GetNames(enumType).Select(name => wireCase switch
    {
        WireCase.Lower => name.ToLowerInvariant(),
        WireCase.Snake => JsonNamingPolicy.SnakeCaseLower.ConvertName(name),
        _ => name,
    });

    /// <summary>The values as a JSON Schema "enum" lists them: with null for a nullable field, or null fails "enum".</summary>
    public List<JsonNode?> SchemaEnum(bool nullable) =>
        [.. Values.Select(value => (JsonNode?)JsonValue.Create(value)), .. nullable ? new JsonNode?[] { null } : []];
}

internal enum WireCase
{
    AsNamed,
    Lower,
    Snake,
}
