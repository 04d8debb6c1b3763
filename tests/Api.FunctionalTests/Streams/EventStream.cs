using System.Text;

namespace LunarVoc.Api.FunctionalTests.Streams;

/// <summary>Reads a text/event-stream a frame (the lines up to a blank line) at a time, within a bound.</summary>
internal sealed class EventStream(HttpResponseMessage response) : IDisposable
{
    private readonly StreamReader _reader = new(response.Content.ReadAsStream(), Encoding.UTF8);

    public HttpResponseMessage Response => response;

    public async Task<IReadOnlyList<string>> NextFrameAsync(TimeSpan? within = null)
    {
        using var bound = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(bound.Token) ?? throw new EndOfStreamException("the stream ended");
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

    /// <summary>The next frame that is a status event: its id and JSON.</summary>
    public async Task<(string Id, string Json)> NextStatusAsync(TimeSpan? within = null)
    {
        while (true)
        {
            var frame = await NextFrameAsync(within);
            if (frame.Contains("event: status"))
            {
                return (frame.Single(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..], frame.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]);
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}
