using System.Text.Json;
using LunarVoc.Application.VocWindows;
using LunarVoc.Domain.VocWindows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Http;

/// <summary>
/// Keeps the serialised answer of a cached read until the status it shows next changes. The same
/// snapshot instance yields the same JSON for every instant in [computed, valid-until), so polling
/// clients are served the bytes as they are, with no work per request; any other snapshot, or an
/// instant outside that span, builds the answer anew.
/// </summary>
public sealed class ResponseBodyMemo<TResponse>(IOptions<JsonOptions> jsonOptions)
    where TResponse : class
{
    private Memo? _last;

    public byte[] Get(VocWindowSnapshot snapshot, DateTimeOffset now, Func<VocWindowSnapshot, VocStatus, TResponse> build)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Snapshot, snapshot) && last.From <= now && (last.Until is null || now < last.Until))
        {
            return last.Body;
        }

        var status = snapshot.StatusAt(now);
        var body = JsonSerializer.SerializeToUtf8Bytes(build(snapshot, status), jsonOptions.Value.JsonSerializerOptions);
        Volatile.Write(ref _last, new Memo(snapshot, now, status.ValidUntil, body));
        return body;
    }

    private sealed record Memo(VocWindowSnapshot Snapshot, DateTimeOffset From, DateTimeOffset? Until, byte[] Body);
}
