using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace LunarVoc.Api.Json;

/// <summary>
/// Reads a JSON request body into its record by the API's rules, each refusal in the API's own words
/// keyed by the field: the body must be one JSON object; its keys are the record's parameters in exact
/// snake_case, each at most once; those without a default are required; instants say their offset.
/// The errors come from these checks themselves, never from the serializer's messages.
/// </summary>
internal sealed class StrictJsonBodyFormatter : TextInputFormatter
{
    private const int LongestEcho = 64;

    public StrictJsonBodyFormatter()
    {
        SupportedMediaTypes.Add("application/json");
        SupportedEncodings.Add(Encoding.UTF8);
    }

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var constructor = context.ModelType.GetConstructors().Single(); // request records have one (their primary constructor)
        var parameters = constructor.GetParameters()
            .Select(parameter => (Parameter: parameter, Name: options.PropertyNamingPolicy?.ConvertName(parameter.Name!) ?? parameter.Name!))
            .ToArray();
        var fields = string.Join(", ", parameters.Where(p => !p.Parameter.HasDefaultValue).Select(p => p.Name));
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.HttpContext.Request.Body, default, context.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Refuse(context, "$", $"The body is not valid JSON: expected an object with {fields}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refuse(context, "$", $"The body must be a JSON object with {fields}.");
            }

            // Per request, and no larger than the body (16 KiB at most: Limits:MaxRequestBodyBytes).
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (!IsText(document.RootElement))
            {
                return Refuse(context, "$", $"The body is not valid JSON text (a string that is not UTF-8, or an escape that is not a character): expected an object with {fields}.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!parameters.Any(p => p.Name == property.Name))
                {
                    context.ModelState.TryAddModelError(Shown(property.Name), $"'{Shown(property.Name)}' is not a field of this request (field names are exact, in snake_case).");
                }
                else if (!values.TryAdd(property.Name, property.Value))
                {
                    context.ModelState.TryAddModelError(property.Name, $"'{property.Name}' appears more than once.");
                }
            }

            var arguments = parameters.Select(p => Read(context, p.Parameter, p.Name, values, options)).ToArray();
            return context.ModelState.IsValid ? InputFormatterResult.Success(constructor.Invoke(arguments)) : InputFormatterResult.Failure();
        }
    }

    private static object? Read(InputFormatterContext context, ParameterInfo parameter, string name, Dictionary<string, JsonElement> values, JsonSerializerOptions options)
    {
        if (!values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (!parameter.HasDefaultValue)
            {
                context.ModelState.TryAddModelError(name, $"{name} is required.");
            }

            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        if (parameter.ParameterType == typeof(DateTimeOffset))
        {
            if (value.ValueKind == JsonValueKind.String && IsoInstant.TryParseBodyValue(value.GetString()!, out var instant))
            {
                return instant;
            }

            context.ModelState.TryAddModelError(name, value.ValueKind == JsonValueKind.String
                ? $"'{Shown(value.GetString()!)}' is not {IsoInstant.Expected}."
                : $"{name} must be {IsoInstant.Expected}, as a string.");
            return null;
        }

        if (Kind(parameter.ParameterType) is { } expected && value.ValueKind != expected && !(expected == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            context.ModelState.TryAddModelError(name, $"The value of {name} is not of the expected type ({Describe(expected)}).");
            return null;
        }

        try
        {
            return value.Deserialize(parameter.ParameterType, options);
        }
        catch (JsonException)
        {
            context.ModelState.TryAddModelError(name, $"The value of {name} is not of the expected type.");
            return null;
        }
    }

    /// <summary>Whether every key and string in the body can be read as text: the parser accepts invalid UTF-8 and lone surrogates, which fail only when read.</summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(property => property.Name is not null && IsText(property.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsText),
                JsonValueKind.String => element.GetString() is not null,
                _ => true,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The JSON kind a parameter of this type is sent as; null where the serializer decides.</summary>
    private static JsonValueKind? Kind(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? Kind(underlying)
        : type == typeof(string) ? JsonValueKind.String
        : type == typeof(bool) ? JsonValueKind.True
        : type == typeof(int) || type == typeof(long) || type == typeof(double) ? JsonValueKind.Number
        : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True => "true or false",
        _ => "a number",
    };

    private static InputFormatterResult Refuse(InputFormatterContext context, string field, string message)
    {
        context.ModelState.TryAddModelError(field, message);
        return InputFormatterResult.Failure();
    }

    /// <summary>A value as an error quotes it: enough to recognise, never an echo of kilobytes.</summary>
    private static string Shown(string text) => text.Length <= LongestEcho ? text : $"{text[..LongestEcho]}…";
}
