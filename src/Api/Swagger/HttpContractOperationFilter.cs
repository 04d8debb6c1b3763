using System.Reflection;
using System.Text.Json.Nodes;
using LunarVoc.Api.Security;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LunarVoc.Api.Swagger;

/// <summary>
/// What every operation answers besides its own results, declared once: <c>tz</c> as the IANA name
/// it is (not the properties of .NET's time-zone type), conditional GET (If-None-Match, 304, ETag),
/// the per-client budget (429, RateLimit headers) and its problem documents.
/// </summary>
internal sealed class HttpContractOperationFilter : IOperationFilter
{
    private const string Problem = "application/problem+json";
    private const string EventStream = "text/event-stream";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? string.Empty;
        operation.Parameters ??= [];
        operation.Responses ??= [];
        var takesZone = ReplaceTimeZoneParameters(operation, context);
        NameEnumDefaults(operation, context);
        DocumentRanges(operation, context);
        DescribeInstants(operation, context);
        var streams = context.ApiDescription.SupportedResponseTypes.Any(type => type.ApiResponseFormats.Any(format => format.MediaType == EventStream));

        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && !streams)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of the copy the client holds: 304 with no body when it is still current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers["ETag"] = Header("The entity tag of this answer.");
                success.Headers["Cache-Control"] = Header("How long the answer may be kept, counted from its Age (never past the next window boundary for status and current).");
                success.Headers["Age"] = Header("Seconds since the answer was read from the store, when it comes from the cache (RFC 9111).", JsonSchemaType.Integer);
            }

            operation.Responses.TryAdd("304", new OpenApiResponse
            {
                Description = "The client's copy (If-None-Match) is current; no body.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = Header("The entity tag of the current answer."),
                    ["Cache-Control"] = Header("How long the client's copy may still be kept."),
                },
            });
        }
        else if (operation.RequestBody is not null)
        {
            operation.Responses.TryAdd("415", ProblemResponse("The body is not JSON (Content-Type: application/json)."));
        }

        if (takesZone)
        {
            operation.Responses.TryAdd("400", ProblemResponse("A parameter is not valid (e.g. tz is not an IANA time-zone name); errors names it.", "ValidationProblemDetails"));
        }

        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && operation.Responses.TryGetValue("200", out var read) && read is OpenApiResponse readResponse)
        {
            readResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            AddRateLimitHeaders(readResponse);
        }

        var tooMany = ProblemResponse("The client's request budget is spent; try again after Retry-After seconds.");
        tooMany.Headers!["Retry-After"] = Header("Seconds to wait before trying again.", JsonSchemaType.Integer);
        operation.Responses["429"] = tooMany;
        if (operation.Responses.TryGetValue("503", out var unavailable) && unavailable is OpenApiResponse outage)
        {
            outage.Headers ??= new Dictionary<string, IOpenApiHeader>();
            outage.Headers["Retry-After"] = Header("Seconds to wait before trying again.", JsonSchemaType.Integer);
        }

        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = Header("Where the stored window can be read (relative).");
        }

        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }

        if (streams && operation.Responses.TryGetValue("200", out var streamed) && streamed is OpenApiResponse events)
        {
            DescribeEvents(events, context);
        }

        if (HttpMethods.IsHead(method))
        {
            AsHead(operation);
        }
    }

    /// <summary>
    /// HEAD answers as GET does, without a body: its own operation id (getStatus → headStatus), the
    /// same statuses and headers, no content.
    /// </summary>
    private static void AsHead(OpenApiOperation operation)
    {
        var id = operation.OperationId ?? string.Empty;
        operation.OperationId = id.StartsWith("get", StringComparison.Ordinal) ? "head" + id[3..] : "head" + char.ToUpperInvariant(id.FirstOrDefault('x')) + id[1..];
        operation.Summary = "The headers of GET: " + operation.Summary;
        foreach (var response in operation.Responses!.Values.OfType<OpenApiResponse>())
        {
            response.Content = null;
        }
    }

    /// <summary>
    /// A stream's events: the body is text/event-stream; each event named "status" carries one
    /// <see cref="Contracts.StatusStreamEvent"/>'s data, a VocStatusResponse as JSON (the schema is in the
    /// components, and named by the media type's x-event-schema).
    /// </summary>
    private static void DescribeEvents(OpenApiResponse response, OperationFilterContext context)
    {
        var reference = context.SchemaGenerator.GenerateSchema(typeof(Contracts.StatusStreamEvent), context.SchemaRepository);
        if (response.Content?.TryGetValue(EventStream, out var media) != true || media is null)
        {
            return;
        }

        media.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Server-Sent Events: each event is `id:` (the status's entity tag, for Last-Event-ID), `event: status` and `data:` the status as JSON (a VocStatusResponse, as in StatusStreamEvent); a comment line every 15 s keeps the stream open.",
        };
        media.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        media.Extensions["x-event-schema"] = new JsonNodeExtension(new JsonObject { ["$ref"] = ((OpenApiSchemaReference)reference).Reference.ReferenceV3 });
    }

    /// <summary>An instant in a query is bound from ISO-8601 with an offset or from a plain date (midnight UTC): both are declared.</summary>
    private static void DescribeInstants(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions.Where(parameter => parameter.Type == typeof(DateTimeOffset) || parameter.Type == typeof(DateTimeOffset?)))
        {
            if (operation.Parameters!.FirstOrDefault(parameter => parameter.Name == description.Name) is OpenApiParameter parameter)
            {
                parameter.Schema = new OpenApiSchema
                {
                    AnyOf = [new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }, new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }],
                };
            }
        }
    }

    /// <summary>ApiExplorer lists the public properties of a bound TimeZoneInfo; the client sends one name.</summary>
    private static bool ReplaceTimeZoneParameters(OpenApiOperation operation, OperationFilterContext context)
    {
        var exploded = context.ApiDescription.ParameterDescriptions
            .Where(parameter => parameter.ParameterDescriptor?.ParameterType == typeof(TimeZoneInfo))
            .Select(parameter => parameter.Name)
            .ToHashSet(StringComparer.Ordinal);
        var zone = context.ApiDescription.ActionDescriptor.Parameters.FirstOrDefault(parameter => parameter.ParameterType == typeof(TimeZoneInfo));
        if (zone is null)
        {
            return false;
        }

        foreach (var parameter in operation.Parameters!.Where(parameter => parameter.In == ParameterLocation.Query && exploded.Contains(parameter.Name ?? string.Empty)).ToArray())
        {
            operation.Parameters!.Remove(parameter);
        }

        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = zone.Name,
            In = ParameterLocation.Query,
            Description = "An IANA time zone, spelled exactly (e.g. Europe/Paris): windows also get start_local and end_local in it.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
            Example = JsonValue.Create("Europe/Paris"),
        });
        return true;
    }

    /// <summary>An enum parameter's default as the name the client sends, not its number.</summary>
    private static void NameEnumDefaults(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions.Where(parameter => parameter.Type?.IsEnum == true))
        {
            if (operation.Parameters!.FirstOrDefault(parameter => parameter.Name == description.Name)?.Schema is OpenApiSchema schema
                && schema.Default is JsonValue number && number.TryGetValue<int>(out var value)
                && Enum.GetName(description.Type!, value) is { } name)
            {
                schema.Default = JsonValue.Create(ContractSchemaFilter.WireName(name));
            }
        }
    }

    /// <summary>The bounds the query's validator enforces, declared where clients read them (<see cref="DocumentedRangeAttribute"/>).</summary>
    private static void DocumentRanges(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions)
        {
            if (description.ParameterDescriptor is ControllerParameterDescriptor { ParameterInfo: var info }
                && info.GetCustomAttribute<DocumentedRangeAttribute>() is { } range
                && operation.Parameters!.FirstOrDefault(parameter => parameter.Name == description.Name)?.Schema is OpenApiSchema schema)
            {
                schema.Minimum = range.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                schema.Maximum = range.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static void AddRateLimitHeaders(OpenApiResponse response)
    {
        response.Headers![RateLimitHeaders.Policy] = Header("The client's budget: \"per-client\";q=<requests>;w=<window seconds>.");
        response.Headers[RateLimitHeaders.State] = Header("What is left of it: \"per-client\";r=<requests left>;t=<seconds until reset, at most>.");
    }

    private static OpenApiResponse ProblemResponse(string description, string schema = "ProblemDetails") => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>(),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problem] = new() { Schema = new OpenApiSchemaReference(schema) },
        },
    };

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}
