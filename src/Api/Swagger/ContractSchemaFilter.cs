using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LunarVoc.Api.Swagger;

/// <summary>
/// Schemas as the wire has them, from metadata only: enums by their snake_case names, string members
/// with <see cref="WireNamesAttribute"/> by the names they carry, a request's bounds from its
/// FluentValidation validator (the one that checks it), members with a default optional to send,
/// nullable references typed, and answers' members required.
/// </summary>
internal sealed class ContractSchemaFilter(IServiceProvider services) : ISchemaFilter
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

        var members = concrete.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var property in context.Type.GetProperties())
        {
            if (members.TryGetValue(WireName(property.Name), out var member) && member is OpenApiSchema text
                && property.GetCustomAttribute<WireNamesAttribute>() is { } names)
            {
                text.Enum = [.. names.SchemaEnum(text.Type?.HasFlag(JsonSchemaType.Null) == true).Select(value => value!)];
            }
        }

        DescribeValidatedRequest(concrete, context.Type);

        // A nullable member that refers to another schema: the schema or null, as JSON Schema says it
        // (a $ref beside "type": "null" would demand both at once).
        foreach (var property in members.Values.OfType<OpenApiSchema>())
        {
            if (property.AllOf is [var referenced] && property.Type?.HasFlag(JsonSchemaType.Null) == true)
            {
                property.AnyOf = [referenced, new OpenApiSchema { Type = JsonSchemaType.Null }];
                property.AllOf = null;
                property.Type = null;
            }
        }

        // Every problem carries the trace id under one name (Problems.Complete).
        if (typeof(ProblemDetails).IsAssignableFrom(context.Type) && concrete.Properties is { } problemMembers)
        {
            problemMembers["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for support." };
        }

        // An answer writes every member, null or not, so a client may rely on each being there — but for
        // the members it leaves out when null (JsonIgnore WhenWritingNull: start_local and end_local
        // without tz) and those with a default (a request's optional field).
        if (context.Type.Namespace == typeof(Contracts.VocStatusResponse).Namespace && concrete.Properties is { Count: > 0 } properties)
        {
            concrete.Required ??= new HashSet<string>();
            var own = typeof(ProblemDetails).IsAssignableFrom(context.Type)
                ? context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(JsonName)
                : context.Type.GetProperties()
                    .Where(property => property.GetCustomAttributes<JsonIgnoreAttribute>(true).All(ignore => ignore.Condition != JsonIgnoreCondition.WhenWritingNull))
                    .Select(JsonName);
            foreach (var name in own.Where(properties.ContainsKey).Except(WithDefaults(context.Type)))
            {
                concrete.Required.Add(name);
            }
        }
    }

    /// <summary>A request body with a validator: its string bounds as the validator checks them; members with a default optional.</summary>
    private void DescribeValidatedRequest(OpenApiSchema schema, Type type)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not IValidator validator || schema.Properties is not { } members)
        {
            return;
        }

        var descriptor = validator.CreateDescriptor();
        foreach (var property in type.GetProperties())
        {
            if (!members.TryGetValue(WireName(property.Name), out var member) || member is not OpenApiSchema text)
            {
                continue;
            }

            foreach (var (rule, _) in descriptor.GetValidatorsForMember(property.Name))
            {
                switch (rule)
                {
                    case INotEmptyValidator when property.PropertyType == typeof(string):
                        text.MinLength = Math.Max(text.MinLength ?? 0, 1);
                        break;
                    case ILengthValidator length:
                        text.MinLength = Math.Max(text.MinLength ?? 0, length.Min);
                        text.MaxLength = length.Max > 0 ? length.Max : text.MaxLength;
                        break;
                    case IRegularExpressionValidator pattern:
                        text.Pattern = pattern.Expression.Replace(@"\z", "$", StringComparison.Ordinal); // \z is .NET's; JSON Schema patterns are ECMA-262
                        break;
                }
            }
        }

        foreach (var optional in WithDefaults(type))
        {
            schema.Required?.Remove(optional);
        }
    }

    /// <summary>The wire names of the members a constructor gives a default.</summary>
    private static IEnumerable<string> WithDefaults(Type type) =>
        type.GetConstructors().SelectMany(constructor => constructor.GetParameters()).Where(parameter => parameter.HasDefaultValue).Select(parameter => WireName(parameter.Name!));

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? WireName(property.Name);

    public static string WireName(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
