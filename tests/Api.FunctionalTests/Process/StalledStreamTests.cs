using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LunarVoc.Api.FunctionalTests.Streams;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>Stream clients that never read, against the real server and its sockets.</summary>
[TestFixture]
public sealed partial class StalledStreamTests
{
    private const int StalledClients = 6;

    [Test]
    public async Task Streams_whose_clients_never_read_are_closed_past_the_queue_bound_and_the_reading_stream_gets_every_event()
    {
        // The bounds as configured by default: 64 KiB unread, a 10 s write timeout. Twelve changes of about
        // 10 KB pass the bound, yet are less than the kernel and the server buffer before a write blocks:
        // the bound closes the streams, not the write timeout.
        const int changes = 12;
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_stalled_streams");
        var settings = new Dictionary<string, string> { ["RateLimiting:Enabled"] = "false" };
        using var api = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), settings);
        using var writer = api.CreateClient(writer: true);
        using var reader = api.CreateClient();
        // Many windows in the next 48 hours make every event large (about 10 KB with local times).
        var start = DateTimeOffset.UtcNow.AddHours(1);
        for (var i = 0; i < 40; i++)
        {
            using var seeded = await writer.PostAsJsonAsync("/api/lunar/voc", Window(start.AddHours(i), $"seed-{i}"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status/stream?tz=Europe/Paris");
        using var reading = new EventStream(await reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        await reading.NextStatusAsync();
        var handlesBefore = api.ClientSockets;
        var stalled = Enumerable.Range(0, StalledClients).Select(_ => OpenWithoutReading(api.Address)).ToList();
        var opening = DateTime.UtcNow.AddSeconds(30);
        while (await Metric(reader, "lunarvoc_streams_open") < 1 + StalledClients && DateTime.UtcNow < opening)
        {
            await Task.Delay(50); // the server takes up the stalled streams before the changes start
        }

        for (var change = 0; change < changes; change++)
        {
            using var post = await writer.PostAsJsonAsync("/api/lunar/voc", new
            {
                start_at = IsoText.Of(start.AddHours(0.5)),
                end_at = IsoText.Of(start.AddHours(0.5).AddSeconds(60 + change)),
                source = "change",
                replace = true,
            });
            await reading.NextStatusAsync(); // every change reaches the client that reads
        }

        // Real time only as the bound of a wait: the streams close at the first write past the bound.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var closed = await Metric(reader, "lunarvoc_streams_closed_slow_total");
        while (closed < StalledClients && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            closed = await Metric(reader, "lunarvoc_streams_closed_slow_total");
        }

        using var last = await writer.PostAsJsonAsync("/api/lunar/voc", Window(start.AddHours(45), "after-the-closing"));
        var (_, lastEvent) = await reading.NextStatusAsync();
        var open = await Metric(reader, "lunarvoc_streams_open");
        var handlesAfter = api.ClientSockets;
        var ended = stalled.Select(DrainsToItsEnd).ToList();
        foreach (var socket in stalled)
        {
            socket.Dispose();
        }

        Assert.That(closed, Is.EqualTo(StalledClients));
        Assert.That(lastEvent, Does.Contain("after-the-closing"), "the stream that reads is unaffected");
        Assert.That(open, Is.EqualTo(1), "only the stream that reads is still open");
        Assert.That(ended, Is.All.True, "the server closed each stalled connection: what it had queued is dropped");
        Assert.That(handlesBefore, Is.GreaterThanOrEqualTo(1), "the reading stream's own socket is counted");
        Assert.That(handlesAfter, Is.LessThanOrEqualTo(handlesBefore + 3), "their sockets are gone from the server");
    }

    private static object Window(DateTimeOffset start, string source) =>
        new { start_at = IsoText.Of(start), end_at = IsoText.Of(start.AddMinutes(20)), source };

    /// <summary>Opens a stream with a small receive buffer and never reads from it.</summary>
    private static Socket OpenWithoutReading(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        socket.Connect(address.Host, address.Port);
        socket.Send(Encoding.ASCII.GetBytes($"GET /api/lunar/voc/status/stream?tz=Europe/Paris HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n"));
        return socket;
    }

    /// <summary>Reads what the server had sent until the connection ends (true), within a bound.</summary>
    private static bool DrainsToItsEnd(Socket socket)
    {
        socket.ReceiveTimeout = 10_000;
        var buffer = new byte[64 * 1024];
        try
        {
            for (var reads = 0; reads < 10_000; reads++)
            {
                if (socket.Receive(buffer) == 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // timed out: still open
        }
    }

    private static async Task<long> Metric(HttpClient client, string name)
    {
        var text = await client.GetStringAsync("/metrics");
        var match = Regex.Match(text, $@"^{name}(\{{[^}}]*\}})? (\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
