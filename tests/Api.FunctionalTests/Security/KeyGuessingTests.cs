using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Security;

/// <summary>Wrong API keys are limited per client address and reported, in proportion.</summary>
[TestFixture]
public sealed class KeyGuessingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [SetUp]
    public Task Clean() => ApiHost.TruncateAsync();

    [Test]
    public async Task After_too_many_wrong_keys_a_client_gets_429_even_with_the_right_key_until_the_window_passes()
    {
        await using var factory = new LunarVocApiFactory(new FakeTimeProvider(Noon), new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:FailedKeysPerWindow"] = "3",
        });
        using var guesser = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await Post(guesser, $"guess-{i}");
            codes.Add(last.StatusCode);
        }

        using var rightKeyMeanwhile = await Post(guesser, LunarVocApiFactory.WriterKey);

        Assert.That(codes, Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
        }));
        Assert.That(last!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(last.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(rightKeyMeanwhile.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task A_flood_of_wrong_keys_is_logged_as_one_warning_with_its_count()
    {
        var time = new FakeTimeProvider(Noon);
        await using var factory = new LunarVocApiFactory(time, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        using var guesser = factory.CreateClient();

        for (var i = 0; i < 100; i++)
        {
            using var _ = await Post(guesser, $"guess-{i}");
        }

        time.Advance(TimeSpan.FromMinutes(1));
        using var afterAMinute = await Post(guesser, "one-more");

        var warnings = factory.Logs.Entries.Where(e => e.Category.EndsWith("FailedAuthentications", StringComparison.Ordinal)).ToList();
        Assert.That(factory.Logs.Entries.Where(e => e.Category.EndsWith("ApiKeyAuthenticationHandler", StringComparison.Ordinal)), Is.Empty, "no line per refused request");
        Assert.That(warnings, Has.Count.EqualTo(2), "the first failure at once, then one line for the rest of the minute");
        Assert.That(warnings, Is.All.Matches<(LogLevel Level, string Message, string Category)>(e => e.Level == LogLevel.Warning));
        Assert.That(warnings[1].Message, Does.StartWith("100 writes refused"));
    }

    [Test]
    public async Task Location_is_relative_whatever_host_the_request_names()
    {
        await using var factory = new LunarVocApiFactory(new FakeTimeProvider(Noon));
        using var writer = factory.CreateWriterClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lunar/voc")
        {
            Content = new StringContent("""{"start_at":"2030-01-01T00:00:00Z","end_at":"2030-01-01T01:00:00Z","source":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";

        using var created = await writer.SendAsync(request);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Headers.Location!.IsAbsoluteUri, Is.False, created.Headers.Location.ToString());
        Assert.That(created.Headers.Location.ToString(), Does.StartWith("/api/lunar/voc/"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lunar/voc")
        {
            Content = new StringContent("""{"start_at":"2030-01-01T00:00:00Z","end_at":"2030-01-01T01:00:00Z","source":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }
}
