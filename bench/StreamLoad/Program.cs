using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

// Usage: StreamLoad <port> <streams> <apiKey> <serverPid>
// Opens <streams> status streams from 127.0.0.x addresses (100 per address), waits for each one's
// first event, measures the server's memory per open stream and its CPU while the streams idle,
// then posts one window and measures how long each stream takes to receive the change.
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var apiKey = args[2];
var serverPid = int.Parse(args[3], CultureInfo.InvariantCulture);
const int PerAddress = 100;

var baselineRss = RssKiB(serverPid);
var streams = new StreamClient[count];
for (var i = 0; i < count; i++)
{
    var address = IPAddress.Parse($"127.0.{1 + (i / PerAddress / 250)}.{1 + (i / PerAddress % 250)}");
    streams[i] = await StreamClient.OpenAsync(address, port);
}

await WaitAll(streams, s => s.Events >= 1, TimeSpan.FromSeconds(120), "first event");
GC.Collect();
var openRss = RssKiB(serverPid);

var cpuBefore = CpuTicks(serverPid);
var idle = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(31)); // two heartbeats
var idleCpuMs = (CpuTicks(serverPid) - cpuBefore) * 1000.0 / 100;
var idleSeconds = idle.Elapsed.TotalSeconds;

using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
var start = DateTimeOffset.UtcNow.AddHours(30);
var posted = Stopwatch.GetTimestamp();
foreach (var s in streams)
{
    s.MarkPosted(posted);
}

using var response = await http.PostAsJsonAsync("/api/lunar/voc", new
{
    start_at = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    end_at = start.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    source = "stream-bench",
});
if (!response.IsSuccessStatusCode)
{
    throw new InvalidOperationException($"the write failed: {(int)response.StatusCode}");
}

await WaitAll(streams, s => s.LatencyMs is not null, TimeSpan.FromSeconds(60), "the change");
var latencies = streams.Select(s => s.LatencyMs!.Value).Order().ToArray();
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"streams={count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery_ms_p50={Percentile(0.50):0.0} p99={Percentile(0.99):0.0} max={latencies[^1]:0.0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server_rss_kib_before={baselineRss} with_streams={openRss} per_stream_kib={(openRss - baselineRss) / (double)count:0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle_cpu_ms={idleCpuMs:0} over_s={idleSeconds:0.0} per_stream_per_minute_ms={idleCpuMs / count / idleSeconds * 60:0.0000}"));
foreach (var s in streams)
{
    s.Dispose();
}

static async Task WaitAll(StreamClient[] streams, Func<StreamClient, bool> done, TimeSpan bound, string what)
{
    var deadline = Stopwatch.StartNew();
    while (!streams.All(done))
    {
        if (deadline.Elapsed > bound)
        {
            throw new TimeoutException($"{streams.Count(s => !done(s))} streams never got {what}");
        }

        await Task.Delay(20);
    }
}

static long RssKiB(int pid) =>
    long.Parse(File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

static long CpuTicks(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

/// <summary>One stream on a raw socket: counts status events; records when the first one after the write arrived.</summary>
internal sealed class StreamClient : IDisposable
{
    private static readonly byte[] Marker = "event: status"u8.ToArray();
    private readonly Socket _socket;
    private long _posted;
    private int _eventsAtPost = -1;
    private int _events;

    private StreamClient(Socket socket) => _socket = socket;

    public int Events => Volatile.Read(ref _events);

    public double? LatencyMs { get; private set; }

    public static async Task<StreamClient> OpenAsync(IPAddress from, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /api/lunar/voc/status/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n"));
        var client = new StreamClient(socket);
        _ = client.ReadAsync();
        return client;
    }

    public void MarkPosted(long timestamp)
    {
        _eventsAtPost = Events;
        Volatile.Write(ref _posted, timestamp);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4096];
        var matched = 0; // how much of the marker the previous chunk ended with
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                for (var i = 0; i < read; i++)
                {
                    matched = buffer[i] == Marker[matched] ? matched + 1 : buffer[i] == Marker[0] ? 1 : 0;
                    if (matched == Marker.Length)
                    {
                        matched = 0;
                        var events = Interlocked.Increment(ref _events);
                        if (_eventsAtPost >= 0 && events > _eventsAtPost && LatencyMs is null)
                        {
                            LatencyMs = Stopwatch.GetElapsedTime(Volatile.Read(ref _posted)).TotalMilliseconds;
                        }
                    }
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _socket.Dispose();
}
