using System.Text.Json;
using LunarVoc.Application.VocWindows;
using LunarVoc.Domain.VocWindows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Http;

/// <summary>
/// Keeps the serialised answer of a cached read, and its entity tag, until the status it shows
/// next changes. The same snapshot instance yields the same JSON for every instant in
/// [computed, valid-until), so polling clients are served the bytes as they are, with no work per
/// request; any other snapshot, or an instant outside that span, builds the answer anew.
/// </summary>
public sealed class ResponseBodyMemo<TResponse>(IOptions<JsonOptions> jsonOptions)
    where TResponse : class
{
    private Memo? _last;

    public Body Get(VocWindowSnapshot snapshot, DateTimeOffset now, Func<VocWindowSnapshot, VocStatus, TResponse> build)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Snapshot, snapshot) && last.From <= now && (last.Body.ValidUntil is null || now < last.Body.ValidUntil))
        {
            return last.Body;
        }

        var status = snapshot.StatusAt(now);
        var body = Serialize(build(snapshot, status), status.ValidUntil);
        Volatile.Write(ref _last, new Memo(snapshot, now, body));
        return body;
    }

    /// <summary>Serialises an answer that is not memoised (e.g. one with local times for a time zone).</summary>
    public Body Serialize(TResponse response, DateTimeOffset? validUntil)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, jsonOptions.Value.JsonSerializerOptions);
        return new Body(bytes, HttpCaching.ETagOf(bytes), validUntil);
    }

    /// <summary>The JSON, its entity tag, and when the status it shows next changes (null: never).</summary>
    public sealed record Body(byte[] Bytes, string ETag, DateTimeOffset? ValidUntil);

    private sealed record Memo(VocWindowSnapshot Snapshot, DateTimeOffset From, Body Body);
}
