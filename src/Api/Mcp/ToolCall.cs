using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using LunarVoc.Api.Errors;
using LunarVoc.Api.Json;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Telemetry;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace LunarVoc.Api.Mcp;

/// <summary>
/// One tool call: its arguments read by the REST binders' rules, the answer written as the REST API
/// writes JSON (structured content) beside a short text, and every expected failure a tool error —
/// never a protocol error — with the message a REST client would get in its problem details. Counted
/// by tool and outcome.
/// </summary>
public sealed partial class ToolCall(LunarVocMetrics metrics, ILogger<ToolCall> logger)
{
    public async Task<CallToolResult> RunAsync(string tool, Func<ToolArguments, Task<(object Answer, string Text)>> run)
    {
        try
        {
            var (answer, text) = await run(new ToolArguments());
            metrics.ToolCalled(tool, "ok");
            return new CallToolResult
            {
                StructuredContent = JsonSerializer.SerializeToElement(answer, answer.GetType(), ApiJson.Options),
                Content = [new TextContentBlock { Text = text }],
            };
        }
        catch (ValidationException invalid)
        {
            return Invalid(tool, invalid.Errors.Select(failure => $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.PropertyName)}: {failure.ErrorMessage}"));
        }
        catch (DataSourceUnavailableException)
        {
            metrics.ToolCalled(tool, "unavailable");
            return Error("The window store is unavailable: the database could not be reached and no earlier answer is available. Try again later.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.ToolCalled(tool, "error");
            LogFailed(logger, ex, tool);
            return Error("The tool failed unexpectedly; the failure is logged.");
        }
    }

    /// <summary>
    /// Every incoming message, before the SDK routes it: a tool call must name one of the tools, and
    /// what the SDK refuses is answered in JSON-RPC's own terms without echoing the client's text —
    /// params it cannot read (it would say internal error, -32603) are invalid params (-32602), and an
    /// unknown method is "not found" without its name. Refused here, nothing is logged per call.
    /// </summary>
    public static async Task GuardAsync(McpMessageHandler next, MessageContext context, IReadOnlySet<string> tools, CancellationToken cancellationToken)
    {
        var method = (context.JsonRpcMessage as JsonRpcRequest)?.Method;
        if (context.JsonRpcMessage is JsonRpcRequest { Params: { } parameters } && !IsText(parameters))
        {
            throw new McpProtocolException("Invalid params: a string in them is not valid UTF-16 text (a lone surrogate).", McpErrorCode.InvalidParams);
        }

        if (method == RequestMethods.ToolsCall)
        {
            var name = NameIn((JsonRpcRequest)context.JsonRpcMessage);
            if (name is null || !tools.Contains(name))
            {
                throw name is null ? InvalidShape(method, null) : new McpProtocolException("Unknown tool: tools/list names the tools.", McpErrorCode.InvalidParams);
            }
        }

        try
        {
            await next(context, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw InvalidShape(method, ex);
        }
        catch (McpProtocolException ex) when (ex.ErrorCode == McpErrorCode.MethodNotFound)
        {
            throw new McpProtocolException("Method not found: this server answers initialize, ping, tools/list and tools/call.", ex, McpErrorCode.MethodNotFound);
        }
    }

    private static McpProtocolException InvalidShape(string? method, Exception? inner) =>
        new($"Invalid params: not the shape {method} takes (tools/call takes a tool's name and its arguments as an object).", inner, McpErrorCode.InvalidParams);

    private static string? NameIn(JsonRpcRequest request) =>
        request.Params is System.Text.Json.Nodes.JsonObject parameters && parameters["name"] is System.Text.Json.Nodes.JsonValue name && name.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// Before a call, what REST would do with the same query: arguments the tool does not know are
    /// ignored, a number or true/false is read as its text (so 20260101 gets the REST message), an
    /// object or array is refused, a required argument missing is named. Returns the tool error to
    /// answer instead of calling, or null to call. Only calls to tools there are get here (<see cref="GuardAsync"/>).
    /// </summary>
    public CallToolResult? Prepare(RequestContext<CallToolRequestParams> request)
    {
        var tool = (McpServerTool)request.MatchedPrimitive!;
        var call = request.Params!;

        var schema = tool.ProtocolTool.InputSchema;
        var known = schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : [];
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, value) in call.Arguments ?? new Dictionary<string, JsonElement>())
        {
            if (!known.Contains(name))
            {
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object or JsonValueKind.Array:
                    problems.Add($"{name}: a text value is expected.");
                    refused.Add(name);
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    arguments[name] = JsonSerializer.SerializeToElement(value.GetRawText());
                    break;
                default:
                    arguments[name] = value;
                    break;
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            problems.AddRange(required.EnumerateArray()
                .Select(name => name.GetString()!)
                .Where(name => !refused.Contains(name) && (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null))
                .Select(name => $"{name}: {InvalidRequestResponse.NotProvided(name)}"));
        }

        call.Arguments = arguments;
        return problems.Count == 0 ? null : Invalid(tool.ProtocolTool.Name, problems);
    }

    /// <summary>Whether the params can be read as text: the SDK reads them with a writer that refuses a lone surrogate, and calls that an internal error.</summary>
    private static bool IsText(System.Text.Json.Nodes.JsonNode parameters)
    {
        try
        {
            _ = parameters.ToJsonString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Bad arguments, each as "name: message", in one tool error; counted as invalid.</summary>
    private CallToolResult Invalid(string tool, IEnumerable<string> problems)
    {
        metrics.ToolCalled(tool, "invalid");
        return Error($"Invalid arguments. {string.Join(" ", problems)}");
    }

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    [LoggerMessage(Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tool);
}

/// <summary>A tool's arguments, read as the REST API reads the same query parameters; the failures gathered, then thrown together.</summary>
public sealed class ToolArguments
{
    private readonly List<ValidationFailure> _failures = [];

    /// <summary>A value that must be given; default (and a failure recorded) when it is missing or not valid.</summary>
    public T Required<T>(string name, string? text)
        where T : struct
    {
        if (string.IsNullOrEmpty(text))
        {
            _failures.Add(new ValidationFailure(name, InvalidRequestResponse.NotProvided(name)));
            return default;
        }

        return Optional<T>(name, text) ?? default;
    }

    /// <summary>A value that may be left out (null then); null and a failure recorded when it is not valid.</summary>
    public T? Optional<T>(string name, string? text)
        where T : struct => (T?)Read(name, text, typeof(T));

    /// <summary>The time zone asked for, or null.</summary>
    public TimeZoneInfo? Zone(string name, string? text) => (TimeZoneInfo?)Read(name, text, typeof(TimeZoneInfo));

    /// <summary>Throws the failures gathered, as a validator would.</summary>
    public void ThrowIfInvalid()
    {
        if (_failures.Count > 0)
        {
            throw new ValidationException(_failures);
        }
    }

    private object? Read(string name, string? text, Type type)
    {
        if (text is null)
        {
            return null;
        }

        var value = QueryValueRule.For(type)!.Read(text, out var problem);
        if (problem is not null)
        {
            _failures.Add(new ValidationFailure(name, problem));
        }

        return value;
    }
}
