using System.Text;

namespace LunarVoc.Api.FunctionalTests.Streams;

/// <summary>Reads a text/event-stream a frame (the lines up to a blank line) at a time, within a bound.</summary>
internal sealed class EventStream(HttpResponseMessage response) : IDisposable
{
    private readonly StreamReader _reader = new(response.Content.ReadAsStream(), Encoding.UTF8);

    public HttpResponseMessage Response => response;

    public async Task<IReadOnlyList<string>> NextFrameAsync(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        while (true)
        {
            // WaitAsync, not a token: a test server's response stream may not honour cancellation.
            var line = await _reader.ReadLineAsync().WaitAsync(Max(deadline - DateTime.UtcNow, TimeSpan.Zero))
                ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return lines;
                }

                continue;
            }

            lines.Add(line);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The next frame that is a status event: its id and JSON.</summary>
    public async Task<(string Id, string Json)> NextStatusAsync(TimeSpan? within = null)
    {
        for (var frames = 0; frames < 1_000; frames++)
        {
            var frame = await NextFrameAsync(within);
            if (frame.Contains("event: status"))
            {
                return (frame.Single(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..], frame.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]);
            }
        }

        throw new InvalidOperationException("no status event among 1,000 frames");
    }

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}
