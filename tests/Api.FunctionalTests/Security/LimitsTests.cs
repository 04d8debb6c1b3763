using System.Net;
using System.Net.Http.Json;
using System.Text;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Security;

/// <summary>Rate limits, CORS, the body limit, security headers and the Swagger switch.</summary>
[TestFixture]
public sealed class LimitsTests
{
    private const string SecondKey = "second-writer-key";
    private const string SecondKeyHash = "a553b5fa2f28b2d21cbfa36e2b461cf12e689f6fe7a2c97bdc3037cf0bbfc92c";
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static LunarVocApiFactory Factory(Dictionary<string, string?> settings) => new(new FakeTimeProvider(Noon), settings);

    [SetUp]
    public Task Clean() => ApiHost.TruncateAsync();

    [Test]
    public async Task Reads_beyond_the_budget_of_a_client_get_429_with_retry_after()
    {
        await using var factory = Factory(new() { ["RateLimiting:Enabled"] = "true", ["RateLimiting:ReadsPerWindow"] = "3" });
        using var client = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await client.GetAsync("/api/lunar/voc/status");
            codes.Add(response.StatusCode);
            refused = response;
        }

        Assert.That(codes, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(refused!.Headers.RetryAfter, Is.Not.Null);
        Assert.That(refused.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("/swagger/v1/swagger.json")]
    [TestCase("/metrics")]
    [TestCase("/health/live")]
    [TestCase("/")]
    public async Task Every_request_counts_against_the_client_budget_not_only_the_api(string path)
    {
        await using var factory = Factory(new() { ["RateLimiting:Enabled"] = "true", ["RateLimiting:ReadsPerWindow"] = "3" });
        using var client = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(path);
            codes.Add(response.StatusCode);
        }

        Assert.That(codes, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    private static IEnumerable<TestCaseData> RefusedRequests()
    {
        yield return new TestCaseData(HttpMethod.Options, null, null, HttpStatusCode.NoContent).SetName("A CORS preflight");
        yield return new TestCaseData(HttpMethod.Post, "{}", null, HttpStatusCode.Unauthorized).SetName("A write without a key");
        yield return new TestCaseData(HttpMethod.Post, "{}", "wrong-key", HttpStatusCode.Unauthorized).SetName("A write with a wrong key");
        yield return new TestCaseData(HttpMethod.Post, new string(' ', 20_000), LunarVocApiFactory.WriterKey, HttpStatusCode.RequestEntityTooLarge).SetName("A body over the limit");
    }

    [TestCaseSource(nameof(RefusedRequests))]
    public async Task Requests_refused_before_any_endpoint_spend_the_client_budget_too(HttpMethod method, string? body, string? key, HttpStatusCode refusedWith)
    {
        await using var factory = Factory(new()
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:ReadsPerWindow"] = "3",
            ["Cors:AllowedOrigins:0"] = "https://app.example.com",
        });
        using var client = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(method, "/api/lunar/voc");
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            request.Headers.Add("Origin", "https://app.example.com");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await client.SendAsync(request);
            codes.Add(response.StatusCode);
        }

        using var read = await client.GetAsync("/api/lunar/voc/status");

        Assert.That(codes, Is.All.EqualTo(refusedWith));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Writes_are_limited_per_key()
    {
        await using var factory = Factory(new()
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:WritesPerWindow"] = "2",
            ["Auth:ApiKeys:1"] = SecondKeyHash,
        });
        using var first = factory.CreateWriterClient();
        using var second = factory.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", SecondKey);

        var firstCodes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await first.PostAsJsonAsync("/api/lunar/voc", Body(i));
            firstCodes.Add(response.StatusCode);
        }

        using var other = await second.PostAsJsonAsync("/api/lunar/voc", Body(5));

        Assert.That(firstCodes, Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another key has its own budget");
        Assert.That(await ApiHost.CountRowsAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task Only_configured_origins_get_cors_headers()
    {
        await using var factory = Factory(new() { ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        using var client = factory.CreateClient();

        using var allowed = await client.SendAsync(Preflight("https://app.example.com"));
        using var other = await client.SendAsync(Preflight("https://evil.example.net"));

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://app.example.com"));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Any_origin_may_read_by_default_but_not_write()
    {
        await using var factory = Factory([]);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status");
        request.Headers.Add("Origin", "https://app.example.com");

        using var read = await client.SendAsync(request);
        using var writePreflight = await client.SendAsync(Preflight("https://app.example.com"));

        Assert.That(read.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        Assert.That(read.Headers.GetValues("Access-Control-Expose-Headers").Single(), Does.Contain("ETag").And.Contain("RateLimit"));
        Assert.That(writePreflight.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "writes only from Cors:AllowedOrigins");
    }

    [Test]
    public async Task A_stream_client_on_another_origin_may_resend_last_event_id()
    {
        await using var factory = Factory([]);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/lunar/voc/status/stream");
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "last-event-id");

        using var response = await client.SendAsync(request);

        Assert.That(response.Headers.GetValues("Access-Control-Allow-Headers").Single(), Does.Contain("Last-Event-ID").IgnoreCase);
    }

    [Test]
    public async Task A_refused_read_still_carries_its_cors_headers_so_a_browser_app_can_read_the_429()
    {
        await using var factory = Factory(new() { ["RateLimiting:Enabled"] = "true", ["RateLimiting:ReadsPerWindow"] = "1" });
        using var client = factory.CreateClient();
        using var first = await client.SendAsync(ReadFrom("https://app.example.com"));

        using var refused = await client.SendAsync(ReadFrom("https://app.example.com"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        Assert.That(refused.Headers.GetValues("Access-Control-Expose-Headers").Single(), Does.Contain("Retry-After"));
    }

    [Test]
    public async Task Reads_can_be_restricted_to_the_configured_origins()
    {
        await using var factory = Factory(new() { ["Cors:AnyOriginForReads"] = "false", ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        using var client = factory.CreateClient();

        using var allowed = await client.SendAsync(ReadFrom("https://app.example.com"));
        using var other = await client.SendAsync(ReadFrom("https://evil.example.net"));

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://app.example.com"));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task A_body_over_16_kib_is_413_and_stores_nothing()
    {
        await using var factory = Factory([]);
        using var client = factory.CreateWriterClient();
        var padding = new string(' ', 16 * 1024);
        using var content = new StringContent($$"""{"start_at":"2026-11-24T13:00:00Z","end_at":"2026-11-24T14:00:00Z","source":"big"{{padding}}}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/lunar/voc", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [TestCase("/api/lunar/voc/status")]
    [TestCase("/api/lunar/voc/404404")]
    [TestCase("/nowhere")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var factory = Factory([]);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
        Assert.That(response.Headers.Contains("Server"), Is.False);
    }

    [Test]
    public async Task Swagger_can_be_switched_off()
    {
        await using var factory = Factory(new() { ["Swagger:Enabled"] = "false" });
        using var client = factory.CreateClient();

        using var ui = await client.GetAsync("/swagger/index.html");
        using var document = await client.GetAsync("/swagger/v1/swagger.json");

        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static object Body(int hour) => new
    {
        start_at = IsoText.Of(Noon.AddHours(hour)),
        end_at = IsoText.Of(Noon.AddHours(hour + 0.5)),
        source = "limited",
    };

    private static HttpRequestMessage ReadFrom(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status");
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/lunar/voc");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return request;
    }
}
