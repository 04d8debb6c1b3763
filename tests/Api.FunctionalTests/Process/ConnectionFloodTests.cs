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
    private const int PerClient = 10;

    private static Task<ApiProcess> StartCappedAsync() => ApiProcess.StartAsync(
        ApiHost.Cluster.CreateDatabase($"lunarvoc_flood_{Guid.NewGuid():N}"),
        LoopbackPorts.Free(),
        new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentConnections"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits__MaxConnectionsPerClient"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits__KeepAliveTimeoutSeconds"] = "2",
            ["Limits__RequestHeadersTimeoutSeconds"] = "2",
        });

    [Test]
    public async Task Idle_sockets_beyond_the_cap_are_refused_and_the_service_answers_once_the_flood_ends()
    {
        using var api = await StartCappedAsync();
        var handlesBefore = api.OpenFileHandles;
        var flood = new List<Socket>();
        try
        {
            // From many clients (loopback addresses), so the server-wide cap is what stops them.
            for (var i = 0; i < 8 * Cap; i++)
            {
                flood.Add(await LoopbackClient.ConnectAsync($"127.0.{1 + (i / 200)}.{1 + (i % 200)}", api.Address.Port));
            }

            // Sockets beyond the cap are accepted and closed at once: wait (bounded) for those in flight to be closed.
            var heldDuringFlood = api.OpenFileHandles - handlesBefore;
            for (var poll = 0; poll < 100 && heldDuringFlood > Cap + 10; poll++)
            {
                await Task.Delay(50);
                heldDuringFlood = api.OpenFileHandles - handlesBefore;
            }

            Assert.That(api.HasExited, Is.False);
            Assert.That(heldDuringFlood, Is.LessThanOrEqualTo(Cap + 10), "the server holds the cap, not the flood");
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

    [Test]
    public async Task One_client_cannot_hold_more_than_its_share_of_connections()
    {
        using var api = await StartCappedAsync();
        var hog = new List<Socket>();
        try
        {
            // One client opens the whole server's worth of connections and keeps them busy.
            for (var i = 0; i < Cap; i++)
            {
                try
                {
                    var socket = await LoopbackClient.ConnectAsync("127.0.0.7", api.Address.Port);
                    hog.Add(socket);
                    await socket.SendAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
                }
                catch (SocketException)
                {
                    // Refused or already closed by the server: a connection beyond the hog's share.
                }
            }

            using var someoneElse = LoopbackClient.From("127.0.0.8", api.Address);
            using var response = await someoneElse.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
            var served = await Task.WhenAll(hog.Select(ServedAsync));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client is still served");
            Assert.That(served.Count(answered => answered), Is.LessThanOrEqualTo(PerClient), "the hog got at most its share");
        }
        finally
        {
            hog.ForEach(socket => socket.Dispose());
        }
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

    /// <summary>Whether the server answered on this connection (rather than closing it unanswered), waiting at most 10 s.</summary>
    private static async Task<bool> ServedAsync(Socket socket)
    {
        var buffer = new byte[64];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
            return read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
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
