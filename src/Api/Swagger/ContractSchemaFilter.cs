using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LunarVoc.Api.Swagger;

/// <summary>Schemas as the wire has them: enums by their snake_case names, nullable references typed, and optional members not required.</summary>
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

        foreach (var (name, property) in concrete.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (context.Type.Namespace == typeof(Contracts.VocStatusResponse).Namespace && property is OpenApiSchema text
                && NamedValues.TryGetValue(name, out var values))
            {
                text.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
            }
        }

        // What a window's source may be, as the validator checks it.
        if (context.Type == typeof(Application.VocWindows.SaveVocWindow.SaveVocWindowCommand)
            && concrete.Properties is { } members && members.TryGetValue("source", out var member) && member is OpenApiSchema source)
        {
            source.MinLength = 1;
            source.MaxLength = VocWindowBounds.MaxSourceLength;
            source.Pattern = VocWindowBounds.SourcePattern.Replace(@"\z", "$", StringComparison.Ordinal); // \z is .NET's; JSON Schema patterns are ECMA-262
        }

        // A nullable member that refers to another schema: an object or null, said with its type too.
        foreach (var property in concrete.Properties?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (property.AllOf is { Count: > 0 } && property.Type is JsonSchemaType.Null)
            {
                property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            }
        }

        // Every problem carries the trace id under one name (Problems.Complete).
        if (typeof(ProblemDetails).IsAssignableFrom(context.Type) && concrete.Properties is { } problemMembers)
        {
            problemMembers["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for support." };
        }

        // An answer writes every member, null or not: a client may rely on each being there.
        if (context.Type.Namespace == typeof(Contracts.VocStatusResponse).Namespace && concrete.Properties is { Count: > 0 } properties)
        {
            concrete.Required ??= new HashSet<string>();
            var omittedWhenNull = context.Type.GetProperties()
                .Where(property => property.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>()
                    .Any(ignore => ignore.Condition == JsonIgnoreCondition.WhenWritingNull))
                .Select(property => WireName(property.Name))
                .ToHashSet(StringComparer.Ordinal);
            var own = typeof(ProblemDetails).IsAssignableFrom(context.Type)
                ? properties.Keys.Where(name => name == "conflicting_window")
                : properties.Keys.Where(name => !omittedWhenNull.Contains(name));
            foreach (var name in own.ToArray())
            {
                concrete.Required.Add(name);
            }
        }

        // A member with a default the server applies (replace = false) is optional to send.
        if (context.Type == typeof(Application.VocWindows.SaveVocWindow.SaveVocWindowCommand))
        {
            concrete.Required?.Remove("replace");
        }
    }

    /// <summary>String members whose values are names from the domain, as the answers write them.</summary>
    private static readonly Dictionary<string, string[]> NamedValues = new(StringComparer.Ordinal)
    {
        ["sign"] = Enum.GetNames<ZodiacSign>(),
        ["next_sign"] = Enum.GetNames<ZodiacSign>(),
        ["planet"] = Enum.GetNames<Planet>(),
        ["aspect"] = [.. Enum.GetNames<Aspect>().Select(name => name.ToLowerInvariant())],
        ["phase"] = [.. Enum.GetNames<MoonPhase>().Select(WireName)],
    };

    public static string WireName(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
