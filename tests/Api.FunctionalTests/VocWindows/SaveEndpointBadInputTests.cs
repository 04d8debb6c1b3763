using System.Text.Json.Nodes;
using System.Net;
using System.Text;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

/// <summary>Every bad body gets a 400 problem response naming what is wrong, and nothing is stored.</summary>
[TestFixture]
public sealed class SaveEndpointBadInputTests : VocEndpointTestBase
{
    private static IEnumerable<TestCaseData> BadBodies()
    {
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T03:10:00Z","source":"x"}""", "end_at").SetName("End equal to start");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T01:00:00Z","source":"x"}""", "end_at").SetName("End before start");
        yield return new TestCaseData("""{"end_at":"2026-11-24T19:42:00Z","source":"x"}""", "start_at").SetName("Missing start_at");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","source":"x"}""", "end_at").SetName("Missing end_at");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z"}""", "source").SetName("Missing source");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":null}""", "source").SetName("Null source");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":""}""", "source").SetName("Empty source");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"two words"}""", "source").SetName("Source with a space");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00","end_at":"2026-11-24T19:42:00Z","source":"x"}""", "start_at").SetName("Start without offset");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24 19:42","source":"x"}""", "end_at").SetName("End not ISO-8601");
        yield return new TestCaseData("""{"start_at":1732417800,"end_at":"2026-11-24T19:42:00Z","source":"x"}""", "start_at").SetName("Start as a number");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x","extra":1}""", "extra").SetName("Unknown field");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":""", "$").SetName("Truncated JSON");
        yield return new TestCaseData("""not json""", "$").SetName("Not JSON");
        yield return new TestCaseData("""[]""", "$").SetName("An array instead of an object");
        yield return new TestCaseData("", "").SetName("Empty body");
        yield return new TestCaseData("""{"start_at":"1899-12-31T23:00:00Z","end_at":"1900-01-01T01:00:00Z","source":"x"}""", "start_at").SetName("Start before 1900");
        yield return new TestCaseData("""{"start_at":"2100-12-31T23:00:00Z","end_at":"2101-01-01T01:00:00Z","source":"x"}""", "end_at").SetName("End after 2100");
        yield return new TestCaseData("""{"start_at":"0001-01-01T00:00:00Z","end_at":"0001-01-02T00:00:00Z","source":"x"}""", "start_at").SetName("Year 1");
        yield return new TestCaseData("""{"start_at":"2026-11-20T00:00:00Z","end_at":"2026-11-24T00:00:01Z","source":"x"}""", "end_at").SetName("Longer than 4 days");
        yield return new TestCaseData($$"""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"{{new string('a', 65)}}"}""", "source").SetName("Source over 64 characters");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":42}""", "source").SetName("Source as a number");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x","replace":"yes"}""", "replace").SetName("Replace as a string");
        yield return new TestCaseData("""{"start_at":"2026-13-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x"}""", "start_at").SetName("Month 13");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00.0000001Z","end_at":"2026-11-24T03:10:00.0000009Z","source":"x"}""", "end_at").SetName("Shorter than the database's microsecond");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x\n"}""", "source").SetName("Source ending in a newline");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","start_at":"2026-11-24T04:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x"}""", "start_at").SetName("A key sent twice");
        yield return new TestCaseData("""{"START_AT":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x"}""", "START_AT").SetName("A key in another letter case");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","Source":"x"}""", "Source").SetName("A key capitalised");
        yield return new TestCaseData("""[1]""", "$").SetName("An array of numbers");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x","replace":{}}""", "replace").SetName("Replace as an object");
        yield return new TestCaseData("""{"\ud800":1,"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"x"}""", "$").SetName("A key that is a lone surrogate");
        yield return new TestCaseData("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"\udc00"}""", "$").SetName("A value that is a lone surrogate");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task Is_answered_400_problem_details_and_stores_nothing(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync("/api/lunar/voc", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(text, Does.Contain("\"errors\""));
        Assert.That(text, Does.Contain(field));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(text, Does.Not.Contain("LunarVoc.").And.Not.Contain(".NET").And.Not.Contain("System."), "no internal type names");
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task A_string_that_is_not_utf8_is_answered_400_not_500()
    {
        var body = Encoding.ASCII.GetBytes("""{"start_at":"2026-11-24T03:10:00Z","end_at":"2026-11-24T19:42:00Z","source":"--"}""");
        body[^4] = 0xff;
        body[^3] = 0xfe;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await Client.PostAsync("/api/lunar/voc", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [TestCase("/api/lunar/voc", "text/plain")]
    [TestCase("/api/lunar/voc", null)]
    [TestCase("/api/lunar/webhooks", null)]
    public async Task A_body_that_is_not_json_is_answered_415_saying_what_to_send(string path, string? mediaType)
    {
        using var content = new ByteArrayContent(mediaType is null ? [] : Encoding.UTF8.GetBytes("start_at=x"));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        using var response = await Client.PostAsync(path, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), Does.Contain("Content-Type: application/json"));
    }
}
