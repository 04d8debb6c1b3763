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
    public async Task The_ui_is_served_at_swagger()
    {
        using var response = await Client.GetAsync("/swagger/index.html");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }
}
