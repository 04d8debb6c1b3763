using System.Reflection;
using System.Text.Json.Nodes;
using LunarVoc.Api.Errors;
using LunarVoc.Api.Json;
using LunarVoc.Application.Common;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;

namespace LunarVoc.Api.Mcp;

/// <summary>
/// The MCP endpoint at /mcp: Streamable HTTP, stateless (any instance answers any call), public like
/// the REST reads and behind the same rate limits, connection caps and body limit. A browser's
/// request (it sends Origin) is refused unless its origin is allowed (<see cref="McpOptions"/>), as the
/// MCP specification asks against DNS rebinding; clients that send no Origin are not browsers.
/// </summary>
public static class McpSetup
{
    public const string Path = "/mcp";

    public static WebApplicationBuilder AddLunarVocMcp(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<McpOptions>(builder.Configuration, McpOptions.SectionName);
        builder.Services.AddSingleton<ToolCall>();
        var tools = Tools();
        var names = tools.Select(tool => tool.ProtocolTool.Name).ToHashSet(StringComparer.Ordinal);
        builder.Services
            .AddMcpServer(server => server.ServerInfo = new() { Name = "lunarvoc", Title = "LunarVoc", Version = typeof(McpSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools(tools)
            .WithMessageFilters(filters => filters.AddIncomingFilter(next => (context, cancellationToken) => ToolCall.GuardAsync(next, context, names, cancellationToken)))
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => (request, cancellationToken) =>
                request.Services!.GetRequiredService<ToolCall>().Prepare(request) is { } refused
                    ? ValueTask.FromResult(refused)
                    : next(request, cancellationToken)));
        return builder;
    }

    /// <summary>
    /// The tools of <see cref="LunarVocTools"/>, written and described by the API's JSON, each field of an
    /// answer with its contract's words (<see cref="ContractDocs"/>). Instants have a converter of their
    /// own, for which the schema generator knows no shape (it writes "true", which strict clients refuse):
    /// they are described as the strings in date-time format they are.
    /// </summary>
    private static List<McpServerTool> Tools()
    {
        var options = new McpServerToolCreateOptions
        {
            SerializerOptions = ApiJson.Options,
            SchemaCreateOptions = new AIJsonSchemaCreateOptions
            {
                TransformSchemaNode = Describe,
            },
        };
        return typeof(LunarVocTools)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .Select(method => McpServerTool.Create(method, request => ActivatorUtilities.CreateInstance<LunarVocTools>(request.Services!), options))
            .ToList();
    }

    /// <summary>A field of an answer as the OpenAPI document has it: its contract's words, the names it carries, instants as date-time strings.</summary>
    private static JsonNode Describe(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var node = context.TypeInfo.Type == typeof(DateTimeOffset) ? new JsonObject { ["type"] = "string", ["format"] = "date-time" } : schema;
        var property = context.PropertyInfo?.AttributeProvider as MemberInfo;
        if (node is not JsonObject member)
        {
            return node;
        }

        if (!member.ContainsKey("description") && ContractDocs.Of(context.PropertyInfo?.DeclaringType, property) is { } text)
        {
            member["description"] = text;
        }

        var nullable = member["type"] is JsonArray types && types.Any(type => type?.GetValue<string>() == "null");
        if (!member.ContainsKey("enum") && property?.GetCustomAttribute<Swagger.WireNamesAttribute>() is { } names)
        {
            member["enum"] = new JsonArray([.. names.SchemaEnum(nullable)]);
        }
        else if (nullable && member["enum"] is JsonArray values && !values.Any(value => value is null))
        {
            values.Add(null); // a validator checks the enum as well as the type: a null the type allows must be listed
        }

        return node;
    }

    public static WebApplication MapLunarVocMcp(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(RefuseWhatIsNotForUs));
        app.MapMcp(Path);
        return app;
    }

    /// <summary>
    /// The transport reads initialize's params itself, before any filter, and lets a failure through:
    /// that is the client's malformed request (400, JSON-RPC's invalid params), not a fault of ours (500).
    /// </summary>
    private static async Task InvalidParamsAsBadRequestAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (System.Text.Json.JsonException) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = null,
                ["error"] = new JsonObject { ["code"] = -32602, ["message"] = "Invalid params: not the shape the method takes (see the MCP specification's initialize request)." },
            });
        }
    }

    /// <summary>
    /// The protocol versions whose MCP-Protocol-Version header the server serves. The SDK's own refusal
    /// of another names only its newest draft, not those it negotiates at initialize.
    /// </summary>
    public static readonly string[] ProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    private static Task RefuseWhatIsNotForUs(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && !context.Request.HasJsonContentType())
        {
            return Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.", "Send Content-Type: application/json with a JSON-RPC message.");
        }

        var version = context.Request.Headers["MCP-Protocol-Version"].ToString();
        if (version.Length > 0 && !ProtocolVersions.Contains(version, StringComparer.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = null,
                ["error"] = new JsonObject
                {
                    ["code"] = -32022, // the SDK's code for it, so clients that know it see the same
                    ["message"] = "Bad Request: the MCP-Protocol-Version header names a version this server does not speak.",
                    ["data"] = new JsonObject { ["supported"] = new JsonArray([.. ProtocolVersions.Select(v => JsonValue.Create(v))]) },
                },
            });
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || context.RequestServices.GetRequiredService<IOptions<McpOptions>>().Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return InvalidParamsAsBadRequestAsync(context, next);
        }

        return Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "This origin may not use the MCP endpoint.", "Browsers' requests to /mcp are accepted only from the origins in Mcp:AllowedOrigins.");
    }
}
