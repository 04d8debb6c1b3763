using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Frontends;
using LunarVoc.Api.FunctionalTests.Process;
using LunarVoc.TestSupport;
using ModelContextProtocol.Client;

namespace LunarVoc.Api.FunctionalTests.Mcp;

/// <summary>
/// The MCP endpoint against a real instance, through real MCP clients: the official TypeScript SDK
/// (another language than the service) and the C# SDK's client. Each tool's answer equals its REST
/// twin's for the same instant; bad arguments are tool errors with the REST 400s' messages; browsers
/// from unknown origins are refused; the body limit holds; calls are counted.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class McpToolTests
{
    private const string AllowedOrigin = "https://assistant.example";
    private const string At = "2026-01-03T10:02:54Z";
    private ApiProcess _api = null!;
    private HttpClient _rest = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_mcp_{Guid.NewGuid():N}");
        _api = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), new Dictionary<string, string> { ["Mcp__AllowedOrigins__0"] = AllowedOrigin });
        _rest = _api.CreateClient(writer: true);
        var now = DateTimeOffset.UtcNow;
        await VocWindowTable.InsertAsync(database, now.AddHours(-1), now.AddHours(2), "seeded");
        await VocWindowTable.InsertAsync(database, now.AddHours(20), now.AddHours(23), "seeded-later");
        using var _ = await _rest.PostAsync(new Uri("/api/lunar/voc/cache/invalidate", UriKind.Relative), null);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _rest.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task The_typescript_sdk_lists_the_four_tools_and_each_answers_as_its_rest_twin()
    {
        var answer = RunTypeScriptClient(
            ("voc_status", new JsonObject { ["tz"] = "Europe/Paris" }),
            ("voc_windows", new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-02-01", ["planets"] = "traditional", ["tz"] = "Asia/Tokyo" }),
            ("moon", new JsonObject { ["at"] = At, ["tz"] = "Europe/Paris" }),
            ("moon", new JsonObject()),
            ("moon_phases", new JsonObject { ["from"] = "2026-01-01T00:00:00Z", ["to"] = "2026-03-01T00:00:00Z" }),
            ("moon_sky", new JsonObject { ["lat"] = 48.8566, ["lon"] = "2.3522", ["date"] = "2026-11-24", ["tz"] = "Europe/Paris" }));
        var results = answer["results"]!.AsArray();
        var tools = answer["tools"]!.AsArray();

        Assert.That(answer["server"]!["name"]!.GetValue<string>(), Is.EqualTo("lunarvoc"));
        Assert.That(tools.Select(t => t!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "voc_status", "voc_windows", "moon", "moon_phases", "moon_sky" }));
        foreach (var tool in tools)
        {
            Assert.That(tool!["description"]!.GetValue<string>(), Has.Length.GreaterThan(60), tool["name"]!.ToString());
            Assert.That(tool["inputSchema"]!["type"]!.GetValue<string>(), Is.EqualTo("object"));
            Assert.That(tool["outputSchema"]!["type"]!.GetValue<string>(), Is.EqualTo("object"));
            Assert.That(tool["annotations"]!["readOnlyHint"]!.GetValue<bool>(), Is.True);
        }

        Assert.That(tools.Single(t => t!["name"]!.GetValue<string>() == "voc_windows")!["inputSchema"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "from", "to" }));
        var windowsInput = tools.Single(t => t!["name"]!.GetValue<string>() == "voc_windows")!["inputSchema"]!["properties"]!;
        Assert.That(windowsInput["planets"]!["enum"]!.AsArray().Select(v => v?.GetValue<string>()), Is.SupersetOf(new[] { "modern", "traditional", null }), "the null its type allows");
        Assert.That(windowsInput["tz"]!["maxLength"]!.GetValue<int>(), Is.EqualTo(64));
        var moonOutput = tools.Single(t => t!["name"]!.GetValue<string>() == "moon")!["outputSchema"]!["properties"]!;
        Assert.That(moonOutput["illumination"]!["description"]!.GetValue<string>(), Does.Contain("0 to 1"), "answers described in the contract's words");
        Assert.That(moonOutput["phase"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Has.Member("waxing_gibbous").And.Member("full_moon"));
        Assert.That(results.Where(r => r!["protocol_error"] is not null), Is.Empty, "every structured answer matches its output schema");
        Assert.That(results.Select(r => r!["is_error"]!.GetValue<bool>()), Is.All.False);
        Assert.That(Structured(results[0]), Is.EqualTo(await RestAsync("/api/lunar/voc/status?tz=Europe/Paris")), "voc_status = /status");
        Assert.That(Structured(results[1]), Is.EqualTo(await RestAsync("/api/lunar/voc/ephemeris?from=2026-01-01&to=2026-02-01&planets=traditional&tz=Asia/Tokyo")), "voc_windows = /ephemeris");
        Assert.That(Structured(results[2]), Is.EqualTo(await RestAsync($"/api/lunar/moon?at={At}&tz=Europe/Paris")), "moon = /moon?at=");
        Assert.That(Structured(results[4]), Is.EqualTo(await RestAsync("/api/lunar/moon/phases?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")), "moon_phases = /moon/phases");
        Assert.That(Structured(results[5]), Is.EqualTo(await RestAsync("/api/lunar/moon/sky?lat=48.8566&lon=2.3522&date=2026-11-24&tz=Europe/Paris")), "moon_sky = /moon/sky");
        Assert.That(results[5]!["text"]!.GetValue<string>(), Does.Contain("2026-11-24: rises 2026-11-24T"));
        Assert.That(results[0]!["text"]!.GetValue<string>(), Does.StartWith("The Moon is void of course until"));
        Assert.That(results[1]!["text"]!.GetValue<string>(), Does.Contain("from 2026-01-01T09:00:00+09:00 to 2026-02-01T09:00:00+09:00"), "the range in the zone asked for");
        Assert.That(results[3]!["structured"]!["sign"], Is.Not.Null, "the Moon now");
        Assert.That(results[4]!["text"]!.GetValue<string>(), Does.Contain("full moon at"));
    }

    [Test]
    public async Task Bad_arguments_are_tool_errors_with_the_rest_messages()
    {
        var answer = RunTypeScriptClient(
            ("moon_phases", new JsonObject { ["from"] = "yesterday", ["to"] = "2026-03-01" }),
            ("voc_windows", new JsonObject { ["from"] = "2026-03-01", ["to"] = "2026-01-01" }),
            ("voc_status", new JsonObject { ["tz"] = "Mars/Olympus_Mons" }),
            ("voc_windows", new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-02-01", ["planets"] = "1" }),
            ("moon_phases", new JsonObject { ["to"] = "2026-03-01" }),
            ("voc_windows", new JsonObject { ["from"] = 20260101, ["to"] = "2026-02-01" }),
            ("moon", new JsonObject { ["at"] = new JsonObject { ["year"] = 2026 } }),
            ("voc_windows", new JsonObject { ["from"] = new JsonObject { ["a"] = 1 }, ["to"] = "2026-02-01" }),
            ("moon_sky", new JsonObject { ["lat"] = "91", ["lon"] = "0" }));
        var results = answer["results"]!.AsArray();

        Assert.That(results.Where(r => r!["protocol_error"] is not null), Is.Empty, "tool errors, not protocol failures");
        Assert.That(results.Select(r => r!["is_error"]!.GetValue<bool>()), Is.All.True);
        Assert.That(Text(results[0]), Does.Contain(await RestErrorAsync("/api/lunar/moon/phases?from=yesterday&to=2026-03-01", "from")));
        Assert.That(Text(results[1]), Does.Contain(await RestErrorAsync("/api/lunar/voc/ephemeris?from=2026-03-01&to=2026-01-01", "to")));
        Assert.That(Text(results[2]), Does.Contain(await RestErrorAsync("/api/lunar/voc/status?tz=Mars/Olympus_Mons", "tz")));
        Assert.That(Text(results[3]), Does.Contain(await RestErrorAsync("/api/lunar/voc/ephemeris?from=2026-01-01&to=2026-02-01&planets=1", "planets")));
        Assert.That(Text(results[4]), Does.Contain(await RestErrorAsync("/api/lunar/moon/phases?to=2026-03-01", "from")));
        Assert.That(Text(results[5]), Does.Contain(await RestErrorAsync("/api/lunar/voc/ephemeris?from=20260101&to=2026-02-01", "from")), "a number read as its text, as a query would");
        Assert.That(Text(results[6]), Does.Contain("at: a text value is expected."));
        Assert.That(Text(results[7]), Does.Contain("from: a text value is expected.").And.Not.Contain("not provided"), "one message for the argument, and a true one");
        Assert.That(Text(results[8]), Does.Contain(await RestErrorAsync("/api/lunar/moon/sky?lat=91&lon=0", "lat")));
    }

    [Test]
    public void Unknown_arguments_are_ignored_as_rest_ignores_unknown_parameters_and_an_unknown_tool_is_not_echoed()
    {
        var unknownTool = new string('x', 10_000);
        var answer = RunTypeScriptClient(
            ("moon", new JsonObject { ["at"] = At, ["language"] = "fr" }),
            (unknownTool, new JsonObject()));
        var results = answer["results"]!.AsArray();

        Assert.That(results[0]!["is_error"]!.GetValue<bool>(), Is.False, results[0]!.ToJsonString());
        Assert.That(results[0]!["structured"]!["at"]!.GetValue<string>(), Is.EqualTo(At));
        Assert.That(results[1]!["protocol_error"]!.GetValue<string>(), Does.Contain("Unknown tool").And.Length.LessThan(500));
    }

    [Test]
    public async Task The_csharp_sdk_client_calls_a_tool_and_gets_the_rest_answer()
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_api.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

        var tools = await client.ListToolsAsync();
        var moon = await client.CallToolAsync("moon", new Dictionary<string, object?> { ["at"] = At });

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "voc_status", "voc_windows", "moon", "moon_phases", "moon_sky" }));
        Assert.That(moon.IsError, Is.Not.True);
        Assert.That(JsonNode.Parse(moon.StructuredContent!.Value.GetRawText())!.ToJsonString(), Is.EqualTo(await RestAsync($"/api/lunar/moon?at={At}")));
    }

    [TestCase(null, HttpStatusCode.OK)]
    [TestCase(AllowedOrigin, HttpStatusCode.OK)]
    [TestCase("https://evil.example", HttpStatusCode.Forbidden)]
    [TestCase("null", HttpStatusCode.Forbidden)]
    public async Task A_browser_from_an_origin_not_allowed_is_refused(string? origin, HttpStatusCode expected)
    {
        using var request = Initialize();
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _rest.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [Test]
    public async Task An_oversized_or_malformed_call_is_a_4xx_never_a_500()
    {
        using var huge = Initialize(new string(' ', 64 * 1024));
        using var batch = Initialize("[" + InitializeBody + "," + InitializeBody + "]");
        using var notJson = Initialize("{\"jsonrpc\":");
        using var noType = Initialize();
        noType.Content!.Headers.ContentType = null;
        using var twoTypes = Initialize();

        // Each on its own connection: the server closes the one it refused a body on.
        using var first = _api.CreateClient();
        using var second = _api.CreateClient();
        using var third = _api.CreateClient();
        using var batchAnswer = await first.SendAsync(batch);
        using var notJsonAnswer = await second.SendAsync(notJson);
        using var hugeAnswer = await third.SendAsync(huge);
        using var noTypeAnswer = await first.SendAsync(noType);
        twoTypes.Content!.Headers.Remove("Content-Type");
        twoTypes.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json, text/plain");
        using var twoTypesAnswer = await second.SendAsync(twoTypes);

        Assert.That(hugeAnswer.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((int)batchAnswer.StatusCode, Is.InRange(400, 499), await batchAnswer.Content.ReadAsStringAsync());
        Assert.That((int)notJsonAnswer.StatusCode, Is.InRange(400, 499), await notJsonAnswer.Content.ReadAsStringAsync());
        Assert.That((noTypeAnswer.StatusCode, twoTypesAnswer.StatusCode), Is.EqualTo((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType)));
    }

    [TestCase("\"moon\"")]
    [TestCase("{}")]
    [TestCase("{\"name\":5}")]
    [TestCase("{\"name\":\"moon\",\"arguments\":\"at=2026-01-01\"}")]
    public async Task Params_of_the_wrong_shape_are_invalid_params_not_an_internal_error(string parameters)
    {
        using var call = Initialize($$"""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{{parameters}}}""");
        using var client = _api.CreateClient();
        using var answer = await client.SendAsync(call);
        var body = await answer.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(body[(body.IndexOf("data:", StringComparison.Ordinal) + 5)..])!["error"]!;

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(-32602), body);
        Assert.That(error["message"]!.GetValue<string>(), Does.StartWith("Invalid params: not the shape tools/call takes"));
    }

    [Test]
    public async Task Initialize_with_params_of_the_wrong_shape_is_a_400_with_invalid_params()
    {
        using var call = Initialize("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5}}""");
        using var client = _api.CreateClient();
        using var answer = await client.SendAsync(call);
        var body = await answer.Content.ReadAsStringAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(JsonNode.Parse(body)!["error"]!["code"]!.GetValue<int>(), Is.EqualTo(-32602), body);
    }

    [Test]
    public async Task An_unknown_tool_or_method_is_answered_briefly_and_logs_nothing_of_the_clients_text()
    {
        var marker = "zz" + Guid.NewGuid().ToString("N");
        var name = marker + "\\nfail: injected line" + new string('x', 8_000);
        using var client = _api.CreateClient();
        using var tool = await client.SendAsync(Initialize("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\",\"arguments\":{}}}"));
        using var method = await client.SendAsync(Initialize($$$"""{"jsonrpc":"2.0","id":3,"method":"{{{name}}}","params":{}}"""));
        using var known = await client.SendAsync(Initialize("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"moon","arguments":{"tz":"\ud800"}}}"""));
        var toolBody = await tool.Content.ReadAsStringAsync();
        var methodBody = await method.Content.ReadAsStringAsync();
        var knownBody = await known.Content.ReadAsStringAsync();

        Assert.That(toolBody, Does.Contain("-32602").And.Length.LessThan(500), toolBody);
        Assert.That(methodBody, Does.Contain("-32601").And.Length.LessThan(500), methodBody);
        Assert.That(knownBody, Does.Contain("-32602").And.Contain("lone surrogate"), "a string JSON cannot hold as text is the client's error, not an internal one");
        Assert.That(_api.Output.Where(line => line.Contains(marker, StringComparison.Ordinal) || line.Contains("injected line", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Calls_count_against_the_clients_read_budget_like_rest_reads()
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_mcp_{Guid.NewGuid():N}");
        using var limited = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), new Dictionary<string, string>
        {
            ["RateLimiting__Enabled"] = "true",
            ["RateLimiting__ReadsPerWindow"] = "3",
        });
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            using var request = Initialize();
            var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses.Skip(3), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused!.Headers.RetryAfter, Is.Not.Null);
        Assert.That(refused.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        refused.Dispose();
    }

    [Test]
    public async Task Tool_calls_are_counted_by_tool_and_outcome()
    {
        RunTypeScriptClient(("moon", new JsonObject { ["at"] = At }), ("moon", new JsonObject { ["at"] = "soon" }));

        var metrics = await _rest.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(metrics, Does.Match("lunarvoc_mcp_tool_calls_total\\{[^}]*outcome=\"ok\"[^}]*tool=\"moon\"[^}]*\\} [1-9]"));
        Assert.That(metrics, Does.Match("lunarvoc_mcp_tool_calls_total\\{[^}]*outcome=\"invalid\"[^}]*tool=\"moon\"[^}]*\\} [1-9]"));
    }

    [Test]
    public async Task An_unsupported_protocol_version_is_refused_naming_every_version_the_server_serves()
    {
        var served = new List<HttpStatusCode>();
        foreach (var version in Api.Mcp.McpSetup.ProtocolVersions.Take(4))
        {
            using var request = Initialize("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
            request.Headers.Add("MCP-Protocol-Version", version);
            using var answer = await _rest.SendAsync(request);
            served.Add(answer.StatusCode);
        }

        using var unsupported = Initialize("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        unsupported.Headers.Add("MCP-Protocol-Version", "1999-01-01");
        using var refused = await _rest.SendAsync(unsupported);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;

        Assert.That(served, Is.All.EqualTo(HttpStatusCode.OK), "each version listed is served");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(-32022));
        Assert.That(error["data"]!["supported"]!.AsArray().Select(v => v!.GetValue<string>()), Is.SupersetOf(new[] { "2025-06-18", "2025-11-25" }), "the versions negotiated at initialize");
        Assert.That(error.ToJsonString(), Does.Not.Contain("1999-01-01"), "the client's value is not echoed");
    }

    private const string InitializeBody = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}""";

    private static HttpRequestMessage Initialize(string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body ?? InitializeBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private static string Structured(JsonNode? result) => result!["structured"]!.ToJsonString();

    private static string Text(JsonNode? result) => result!["text"]!.GetValue<string>();

    private async Task<string> RestAsync(string path) => JsonNode.Parse(await _rest.GetStringAsync(new Uri(path, UriKind.Relative)))!.ToJsonString();

    /// <summary>The first message the REST API gives for a parameter in its 400 problem.</summary>
    private async Task<string> RestErrorAsync(string path, string parameter)
    {
        using var response = await _rest.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        return JsonNode.Parse(body)!["errors"]![parameter]![0]!.GetValue<string>();
    }

    private JsonNode RunTypeScriptClient(params (string Name, JsonObject Arguments)[] calls)
    {
        var script = ContractTools.Ensure("mcp-client.mjs");
        var file = Path.Combine(Path.GetTempPath(), $"lunarvoc-mcp-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments })]).ToJsonString());
        try
        {
            return JsonNode.Parse(ExternalProcess.Run("node", script, new Uri(_api.Address, "/mcp").ToString(), file))!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
