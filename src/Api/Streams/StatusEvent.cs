using System.Collections.Concurrent;
using System.Text;

namespace LunarVoc.Api.Streams;

/// <summary>
/// One change of the status, serialised once for every stream: its id (so a reconnecting client that
/// already has it is not sent it again) and the bytes of the SSE event. A stream asking for a time zone
/// gets its own body, built once per zone for this event. Each event leads to the next: a stream that
/// has written one waits on <see cref="Next"/>, and misses nothing between the two.
/// </summary>
public sealed class StatusEvent(VocAnswer answer, string id, byte[] utcFrame, DateTimeOffset publishedAt, Func<VocAnswer, TimeZoneInfo, byte[]> serialize)
{
    // At most one entry per IANA zone asked for while this event is the latest: bounded by the zone database.
    private readonly ConcurrentDictionary<string, byte[]> _zoned = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<StatusEvent> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public VocAnswer Answer { get; } = answer;

    public string Id { get; } = id;

    public DateTimeOffset PublishedAt { get; } = publishedAt;

    /// <summary>Completes with the event published after this one.</summary>
    public Task<StatusEvent> Next => _next.Task;

    public byte[] FrameFor(TimeZoneInfo? zone) =>
        zone is null ? utcFrame : _zoned.GetOrAdd(zone.Id, _ => Frame(Id, serialize(Answer, zone)));

    internal void Followed(StatusEvent next) => _next.TrySetResult(next);

    /// <summary>An SSE event: id, type "status", and the JSON on one data line (JSON has no raw newlines).</summary>
    public static byte[] Frame(string id, byte[] json) =>
        [.. Encoding.UTF8.GetBytes($"id: {id}\nevent: status\ndata: "), .. json, .. "\n\n"u8];
}
