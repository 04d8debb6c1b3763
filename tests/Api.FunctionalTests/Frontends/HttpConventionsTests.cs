using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.VocWindows;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>HTTP as frontends and monitors expect it: HEAD, 405 with Allow, rate-limit headers, one error shape, plain JSON text.</summary>
[TestFixture]
public sealed class HttpConventionsTests : VocEndpointTestBase
{
    [TestCase("/api/lunar/voc/status")]
    [TestCase("/api/lunar/voc/current")]
    [TestCase("/api/lunar/voc/windows?from=2026-11-24&to=2026-11-26")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-11-24&to=2026-11-26")]
    [TestCase("/api/lunar/voc/calendar.ics")]
    [TestCase("/api/lunar/voc/cache_stats")]
    [TestCase("/api/lunar/moon")]
    [TestCase("/api/lunar/moon?at=2026-01-03T10:02:54Z")]
    [TestCase("/api/lunar/moon/phases?from=2026-01-01&to=2026-02-01")]
    [TestCase("/health/live")]
    public async Task Every_get_also_answers_head_with_the_same_status_and_headers(string path)
    {
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));

        using var get = await Client.GetAsync(path);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode));
        Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
    }

    [TestCase("DELETE", "/api/lunar/voc/status", "GET, HEAD")]
    [TestCase("PUT", "/api/lunar/voc", "POST")]
    [TestCase("POST", "/api/lunar/voc/current", "GET, HEAD")]
    [TestCase("POST", "/api/lunar/moon", "GET, HEAD")]
    public async Task Another_method_on_a_known_path_is_405_with_allow(string method, string path, string allowed)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(string.Join(", ", response.Content.Headers.Allow), Is.EqualTo(allowed));
        await AssertProblemShape(response, 405);
    }

    [Test]
    public async Task Rate_limit_headers_show_the_budget_before_it_runs_out()
    {
        await using var factory = new LunarVocApiFactory(new FakeTimeProvider(Noon), new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:ReadsPerWindow"] = "5",
            ["RateLimiting:WindowSeconds"] = "60",
        });
        using var client = factory.CreateClient();

        using var first = await client.GetAsync("/api/lunar/voc/status");
        using var second = await client.GetAsync("/api/lunar/voc/status");

        Assert.That(first.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("\"per-client\";q=5;w=60"));
        Assert.That(first.Headers.GetValues("RateLimit").Single(), Is.EqualTo("\"per-client\";r=4;t=60"));
        Assert.That(second.Headers.GetValues("RateLimit").Single(), Is.EqualTo("\"per-client\";r=3;t=60"));
    }

    [TestCase("/api/lunar/voc/calendar.ics?days=soon", "days", "'soon' is not a whole number.")]
    [TestCase("/api/lunar/voc/windows?from=2026-01-01&to=2026-02-01&limit=1e3", "limit", "'1e3' is not a whole number.")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-01-01&to=2026-02-01&planets=1", "planets", "'1' is not one of: modern, traditional.")]
    [TestCase("/api/lunar/voc/calendar.ics?include=moons", "include", "'moons' is not one of: phases.")]
    [TestCase("/api/lunar/moon/phases?from=-1&to=2026-02-01", "from", "'-1' is not an ISO-8601 date-time with an offset, e.g. 2026-11-24T03:10:00Z or 2026-11-24T04:10:00+01:00, nor a date such as 2026-11-24 (taken as midnight UTC).")]
    [TestCase("/api/lunar/moon/phases?to=2026-02-01", "from", "A value for the 'from' parameter or property was not provided.")]
    [TestCase("/api/lunar/voc/status?tz=" + "Abcdefgh/" + "0123456789012345678901234567890123456789012345678901234567890123456789", "tz",
        "'Abcdefgh/0123456789012345678901234567890123456789012345678901234…' is not a known IANA time zone name, such as Europe/Paris or America/New_York.")]
    public async Task A_value_of_the_wrong_kind_is_told_what_was_expected(string path, string field, string message)
    {
        using var response = await Client.GetAsync(path);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(problem["errors"]![field]!.AsArray().Select(error => error!.GetValue<string>()), Is.EqualTo(new[] { message }), "that message alone");
    }

    [TestCase("GET", "/api/lunar/voc/404404", null, 404)]
    [TestCase("GET", "/api/lunar/voc/status?tz=Mars/Olympus", null, 400)]
    [TestCase("GET", "/api/lunar/moon?at=1066-10-14", null, 400)]
    [TestCase("GET", "/api/lunar/voc/calendar.ics?include=1", null, 400)]
    [TestCase("GET", "/nowhere/at/all", null, 404)]
    [TestCase("POST", "/api/lunar/voc", "{\"start_at\":\"2026-11-24T13:00:00Z\"}", 400)]
    [TestCase("POST", "/api/lunar/voc", "{", 400)]
    [TestCase("POST", "/api/lunar/voc", "<xml/>", 415)]
    public async Task Every_error_has_the_same_shape_and_media_type(string method, string path, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "application/xml" : "application/json");
        }

        using var response = await Client.SendAsync(request);

        await AssertProblemShape(response, status);
    }

    [Test]
    public async Task An_unauthenticated_write_has_the_same_error_shape()
    {
        using var anonymous = Factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/lunar/voc", new { start_at = Iso(Noon), end_at = Iso(Noon.AddHours(1)), source = "x" });

        await AssertProblemShape(response, 401);
    }

    [Test]
    public async Task Malformed_json_gets_a_human_message_and_a_missing_field_is_named()
    {
        using var malformed = await Client.PostAsync("/api/lunar/voc", new StringContent("{\"start_at\":", Encoding.UTF8, "application/json"));
        using var missing = await Client.PostAsync("/api/lunar/voc", new StringContent($"{{\"start_at\":\"{Iso(Noon)}\",\"source\":\"x\"}}", Encoding.UTF8, "application/json"));

        var malformedText = await malformed.Content.ReadAsStringAsync();
        var missingErrors = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.That(malformedText, Does.Not.Contain("BytePositionInLine").And.Not.Contain("LineNumber").And.Contain("not valid JSON"));
        Assert.That(missingErrors.Select(e => e.Key), Is.EqualTo(new[] { "end_at" }));
    }

    [Test]
    public async Task Instants_are_written_to_the_second_and_offsets_with_a_plain_plus()
    {
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));
        Time.Advance(TimeSpan.FromMilliseconds(123.4567));

        var text = await Client.GetStringAsync("/api/lunar/voc/status?tz=Europe/Paris");
        var status = JsonNode.Parse(text)!;

        Assert.That(status["as_of"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        Assert.That(text, Does.Contain("+01:00").And.Not.Contain("\\u002B"));
    }

    private static async Task AssertProblemShape(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!.AsObject();
        foreach (var member in new[] { "type", "title", "status", "detail", "traceId" })
        {
            Assert.That(problem[member], Is.Not.Null, $"{member} in {text}");
        }

        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(text, Does.Not.Contain("System.").And.Not.Contain("LunarVoc."));
    }
}
