using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        Client = Factory.CreateClient(); // starts the host, which migrates the database
        await ApiHost.TruncateAsync();
    }

    [TearDown]
    public async Task StopApi()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    protected static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<HttpResponseMessage> PostWindow(DateTimeOffset start, DateTimeOffset end, string source = "test") =>
        await Client.PostAsJsonAsync("/api/lunar/voc", new { start_at = Iso(start), end_at = Iso(end), source });

    protected async Task<JsonObject> GetJson(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    protected static async Task<JsonObject> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    protected static string? Text(JsonNode? node) => node?.GetValue<string>();

    protected static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
