using System.Net;
using System.Text;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>Limits only the real server applies: chunked bodies with no declared length, or a nonsensical one.</summary>
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

    [TestCase("FFFFFFFFFFFFFFFFFFFF")]
    [TestCase("7FFFFFFFFFFFFFFF")]
    [TestCase("zz")]
    public async Task An_absurd_chunk_size_is_a_400_and_stores_nothing(string chunkSize)
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_chunks_{Guid.NewGuid():N}");
        using var api = await ApiProcess.StartAsync(database, LoopbackPorts.Free());
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, api.Address.Port);
        var stream = socket.GetStream();
        var request = "POST /api/lunar/voc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + $"X-Api-Key: {LunarVocApiFactory.WriterKey}\r\nTransfer-Encoding: chunked\r\n\r\n{chunkSize}\r\n{{\"start_at\":1";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256];
        var read = await stream.ReadAtLeastAsync(buffer, 12, throwOnEndOfStream: false, bound.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];

        Assert.That(statusLine, Is.EqualTo("HTTP/1.1 400 Bad Request"));
        Assert.That(await VocWindowTable.CountRowsAsync(database), Is.Zero);
        Assert.That(api.HasExited, Is.False);
    }

    [TestCase("Limits__MaxConnectionsPerClient", "abc")]
    [TestCase("Limits__MaxConcurrentConnections", "many")]
    [TestCase("RateLimiting__ReadsPerWindow", "abc")]
    [TestCase("Limits__MaxConnectionsPerClient", "0")]
    [TestCase("ForwardedHeaders__KnownProxies__0", "10.0.0")]
    public async Task A_setting_that_cannot_be_read_stops_start_up_cleanly_naming_it(string name, string value)
    {
        var (exitCode, errors) = await ApiProcess.FailToStartAsync(ApiHost.ConnectionString, new Dictionary<string, string> { [name] = value });

        Assert.That(exitCode, Is.EqualTo(1), errors);
        Assert.That(errors, Does.Contain(name.Split("__")[1]));
        Assert.That(errors, Does.Not.Contain("Unhandled exception"));
    }
}
