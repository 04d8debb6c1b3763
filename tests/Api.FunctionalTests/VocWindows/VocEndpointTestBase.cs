using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

public abstract class VocEndpointTestBase
{
    protected static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected LunarVocApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartApi()
    {
        Time = new FakeTimeProvider(Noon);
        Factory = new LunarVocApiFactory(Time);
        Client = Factory.CreateWriterClient(); // starts the host, which migrates the database
        await ApiHost.TruncateAsync();
    }

    [TearDown]
    public async Task StopApi()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    protected static string Iso(DateTimeOffset instant) => IsoText.Of(instant);

    protected async Task<HttpResponseMessage> PostWindow(DateTimeOffset start, DateTimeOffset end, string source = "test")
    {
        var response = await Client.PostAsJsonAsync("/api/lunar/voc", new { start_at = Iso(start), end_at = Iso(end), source });

        // A write invalidates cached reads as of its instant; on a real clock the next read is later.
        Time.Advance(TimeSpan.FromTicks(1));
        return response;
    }

    protected async Task<JsonObject> GetJson(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>
    /// Sends while moving the fake clock on, so retry delays and timeouts inside the service elapse;
    /// the short real-time poll only waits for the database's I/O, never for time to pass.
    /// </summary>
    protected Task<HttpResponseMessage> SendAdvancingClock(Func<Task<HttpResponseMessage>> send) => Factory.SendAdvancing(send);

    /// <summary>GETs a path and checks the answer is 400 problem details whose errors name the field.</summary>
    protected async Task AssertBadRequestNaming(string path, string field)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadJson(response);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Has.Member(field), problem.ToJsonString());
    }

    protected static async Task<JsonObject> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    protected static string? Text(JsonNode? node) => node?.GetValue<string>();
}
