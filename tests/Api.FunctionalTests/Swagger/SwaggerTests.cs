using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.VocWindows;

namespace LunarVoc.Api.FunctionalTests.Swagger;

[TestFixture]
public sealed class SwaggerTests : VocEndpointTestBase
{
    [Test]
    public async Task The_document_describes_every_endpoint_with_a_summary_and_snake_case_schemas()
    {
        var document = await GetJson("/swagger/v1/swagger.json");
        var paths = document["paths"]!.AsObject();

        Assert.That(paths.Select(p => p.Key), Is.SupersetOf(new[]
        {
            "/api/lunar/voc/status", "/api/lunar/voc/current", "/api/lunar/voc", "/api/lunar/voc/cache_stats",
            "/api/lunar/voc/windows", "/api/lunar/voc/ephemeris",
        }));
        foreach (var (path, item) in paths)
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                Assert.That(operation!["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{verb} {path}");
            }
        }

        var schemas = document["components"]!["schemas"]!.AsObject();
        var window = schemas["VocWindowResponse"]!["properties"]!.AsObject();
        Assert.That(window.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "start_at", "end_at", "source", "sign", "next_sign", "last_aspect", "start_local", "end_local" }));
        Assert.That(window["start_at"]!["example"]!.GetValue<string>(), Is.EqualTo("2026-11-24T03:10:00Z"));
        Assert.That(schemas["SaveVocWindowCommand"]!["properties"]!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(new[] { "start_at", "end_at", "source", "replace" }));
        var postResponses = paths["/api/lunar/voc"]!["post"]!["responses"]!.AsObject();
        Assert.That(postResponses.Select(p => p.Key), Is.SupersetOf(new[] { "200", "201", "400", "409", "503" }));
        Assert.That(postResponses["400"]!["content"]!.AsObject().Select(p => p.Key), Has.Member("application/problem+json"));
    }

    [Test]
    public async Task The_document_declares_tz_nullable_members_string_enums_and_the_shared_answers()
    {
        var document = await GetJson("/swagger/v1/swagger.json");
        // scripts/test.sh lints this very document (Spectral, Redocly) and checks real answers against it.
        if (Environment.GetEnvironmentVariable("LUNARVOC_OPENAPI_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, document.ToJsonString());
        }

        var paths = document["paths"]!.AsObject();
        var status = paths["/api/lunar/voc/status"]!["get"]!;
        var window = paths["/api/lunar/voc/{id}"]!["get"]!;

        Assert.That(status["operationId"]!.GetValue<string>(), Is.EqualTo("getStatus"));
        Assert.That(status["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "tz", "If-None-Match" }));
        Assert.That(window["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "id", "tz", "If-None-Match" }));
        Assert.That(status["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "304", "400", "429", "503" }));
        Assert.That(status["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key), Is.SupersetOf(new[] { "ETag", "RateLimit" }));
        Assert.That(status["security"]!.AsArray(), Is.Empty, "public");
        Assert.That(document["openapi"]!.GetValue<string>(), Does.StartWith("3.1."));
        var current = document["components"]!["schemas"]!["VocStatusResponse"]!["properties"]!["current"]!;
        Assert.That(current["anyOf"]!.AsArray().Select(option => option!["$ref"]?.GetValue<string>() ?? option["type"]!.GetValue<string>()), Is.EqualTo(new[] { "#/components/schemas/VocWindowResponse", "null" }));
        Assert.That(document["components"]!["schemas"]!["PlanetSet"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "modern", "traditional" }));
        Assert.That(document["components"]!["schemas"]!["SaveVocWindowCommand"]!["required"]!.AsArray().Select(v => v!.GetValue<string>()), Has.No.Member("replace"));
        Assert.That(paths["/api/lunar/voc"]!["post"]!["requestBody"]!["required"]!.GetValue<bool>(), Is.True);
        var schemas = document["components"]!["schemas"]!;
        var sign = schemas["VocWindowResponse"]!["properties"]!["sign"]!;
        Assert.That(sign["enum"]!.AsArray().Select(v => v?.GetValue<string>()).ToArray(), Has.Member("Leo").And.Member(null).And.Exactly(13).Items);
        Assert.That(sign["type"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EquivalentTo(new[] { "string", "null" }));
        Assert.That(schemas["LastAspectResponse"]!["properties"]!["aspect"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Has.Member("trine"));
        Assert.That(schemas["SaveVocWindowCommand"]!["properties"]!["source"]!["pattern"]!.GetValue<string>(), Is.EqualTo("^[A-Za-z0-9._-]+$"));
        var limit = paths["/api/lunar/voc/windows"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!["schema"]!;
        Assert.That((limit["minimum"]!.GetValue<int>(), limit["maximum"]!.GetValue<int>()), Is.EqualTo((1, 500)));

    }

    [Test]
    public async Task The_ui_is_served_at_swagger()
    {
        using var response = await Client.GetAsync("/swagger/index.html");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }

    [Test]
    public async Task Head_is_documented_for_every_read_and_answered_on_the_document_itself()
    {
        var document = await GetJson("/swagger/v1/swagger.json");
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/swagger/v1/swagger.json"));
        var paths = document["paths"]!.AsObject();

        Assert.That((int)head.StatusCode, Is.EqualTo(200));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        foreach (var (path, item) in paths)
        {
            if (item!["get"] is { } get)
            {
                var headOperation = item["head"];
                Assert.That(headOperation, Is.Not.Null, $"HEAD {path}");
                Assert.That(headOperation!["operationId"]!.GetValue<string>(), Does.StartWith("head").And.Not.EqualTo(get["operationId"]!.GetValue<string>()));
                Assert.That(headOperation["responses"]!.AsObject().Select(r => r.Value!["content"]), Is.All.Null, $"HEAD {path} has no body");
            }
        }
    }

    [Test]
    public async Task An_instant_in_a_query_is_declared_as_a_date_time_or_a_plain_date_and_the_stream_and_the_webhooks_name_their_events()
    {
        var document = await GetJson("/swagger/v1/swagger.json");
        var from = document["paths"]!["/api/lunar/voc/windows"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "from")!;
        var stream = document["paths"]!["/api/lunar/voc/status/stream"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]!;
        var events = document["components"]!["schemas"]!["StatusStreamEvent"]!;

        Assert.That(from["schema"]!["anyOf"]!.AsArray().Select(option => option!["format"]!.GetValue<string>()), Is.EquivalentTo(new[] { "date-time", "date" }));
        Assert.That(stream["x-event-schema"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/StatusStreamEvent"));
        Assert.That(events["properties"]!["data"]!.ToJsonString(), Does.Contain("#/components/schemas/VocStatusResponse"));
        var started = document["webhooks"]!["voc.started"]!["post"]!;
        Assert.That(started["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/VocWindowEvent"));
        Assert.That(started["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "webhook-id", "webhook-timestamp", "webhook-signature" }));
    }
}
