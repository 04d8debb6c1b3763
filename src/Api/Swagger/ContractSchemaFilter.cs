using System.Text.Json;
using System.Text.Json.Nodes;
using LunarVoc.Domain.Astrology;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LunarVoc.Api.Swagger;

/// <summary>Schemas as the wire has them: enums by their snake_case names, and optional members not required.</summary>
internal sealed class ContractSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (context.Type.IsEnum)
        {
            concrete.Type = JsonSchemaType.String;
            concrete.Format = null;
            concrete.Enum = [.. Enum.GetNames(context.Type).Select(name => (JsonNode)JsonValue.Create(WireName(name)))];
            if (concrete.Default is JsonValue number && number.TryGetValue<int>(out var value) && Enum.GetName(context.Type, value) is { } name)
            {
                concrete.Default = JsonValue.Create(WireName(name));
            }
        }

        // A member with a default the server applies (replace = false) is optional to send.
        if (context.Type == typeof(Application.VocWindows.SaveVocWindow.SaveVocWindowCommand))
        {
            concrete.Required?.Remove("replace");
        }
    }

    public static string WireName(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
