using System.Net;
using System.Net.Sockets;
using System.Text;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>A flood of idle or slow connections is capped by the server, never kills it, and leaves it serving.</summary>
[TestFixture]
public sealed class ConnectionFloodTests
{
    private const int Cap = 50;

    private static Task<ApiProcess> StartCappedAsync() => ApiProcess.StartAsync(
        ApiHost.Cluster.CreateDatabase($"lunarvoc_flood_{Guid.NewGuid():N}"),
        LoopbackPorts.Free(),
        new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentConnections"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits__KeepAliveTimeoutSeconds"] = "2",
            ["Limits__RequestHeadersTimeoutSeconds"] = "2",
        });

    [Test]
    public async Task Idle_sockets_beyond_the_cap_are_refused_and_the_service_answers_once_the_flood_ends()
    {
        using var api = await StartCappedAsync();
        var handlesBefore = api.OpenFileHandles;
        var flood = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 8 * Cap; i++)
            {
                var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, api.Address.Port);
                flood.Add(socket);
            }

            var handlesDuringFlood = api.OpenFileHandles;
            Assert.That(api.HasExited, Is.False);
            // Sockets beyond the cap are accepted and closed at once, so a few may be in flight at any instant.
            Assert.That(handlesDuringFlood - handlesBefore, Is.LessThanOrEqualTo(2 * Cap), "the server holds about the cap, not the flood");
        }
        finally
        {
            flood.ForEach(socket => socket.Dispose());
        }

        using var client = api.CreateClient();
        var answered = await AnswersAsync(client);

        Assert.That(api.HasExited, Is.False);
        Assert.That(answered, Is.True, "serving again once the flood ended");
    }

    [TestCase("")]
    [TestCase("GET /api/lunar/voc/status HTTP/1.1\r\nHost: x\r\n")]
    public async Task An_idle_or_slow_connection_is_closed_by_the_server(string sentThenSilent)
    {
        using var api = await StartCappedAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, api.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(sentThenSilent));

        // Waits for the server to close (end of stream), bounded: the timeouts are 2 s.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        int read;
        do
        {
            read = await stream.ReadAsync(buffer, bound.Token);
        }
        while (read > 0);

        Assert.That(read, Is.Zero);
    }

    /// <summary>Polls (bounded) until a read succeeds: the server frees a closed connection's slot asynchronously.</summary>
    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Still at the cap.
            }

            await Task.Delay(50);
        }

        return false;
    }
}
