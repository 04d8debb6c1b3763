using System.Net;
using System.Text;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>Limits only the real server applies: a chunked body with no declared length.</summary>
[TestFixture]
public sealed class KestrelLimitTests
{
    [Test]
    public async Task A_chunked_body_over_16_kib_is_refused_with_413_and_stores_nothing()
    {
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_limits");
        using var api = await ApiProcess.StartAsync(database, LoopbackPorts.Free());
        using var client = api.CreateClient(writer: true);
        var body = $$"""{"start_at":"2030-01-01T00:00:00Z","end_at":"2030-01-01T01:00:00Z","source":"big"{{new string(' ', 17 * 1024)}}}""";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/lunar/voc", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await response.Content.ReadAsStringAsync());
        Assert.That(await VocWindowTable.CountRowsAsync(database), Is.Zero);
    }
}
