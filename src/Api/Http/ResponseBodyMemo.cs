using System.Globalization;
using System.Text.Json;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Http;

/// <summary>
/// A VoC answer as HTTP: X-Cache and Age, the JSON with its entity tag, and the max-age the answer
/// carries. The UTC body is kept while the same windows show the same status — for every instant in
/// [first served, the status's next change) — so polling clients get the bytes as they are, with no
/// serialisation per request; a body for a time zone is built each time.
/// </summary>
public sealed class ResponseBodyMemo<TResponse>(IOptions<JsonOptions> jsonOptions)
    where TResponse : class
{
    private Memo? _last;

    public IActionResult Respond(HttpResponse response, VocAnswer answer, TimeZoneInfo? zone, Func<VocAnswer, TimeZoneInfo?, TResponse> build)
    {
        ApplyCacheHeaders(response, answer);
        var body = zone is null ? Memoised(answer, build) : Serialize(build(answer, zone));
        return new CacheableBytesResult(body.Bytes, body.ETag, answer.MaxAge);
    }

    private Body Memoised(VocAnswer answer, Func<VocAnswer, TimeZoneInfo?, TResponse> build)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Snapshot, answer.Snapshot) && last.From <= answer.Now && (last.Until is null || answer.Now < last.Until))
        {
            return last.Body;
        }

        var body = Serialize(build(answer, null));
        Volatile.Write(ref _last, new Memo(answer.Snapshot, answer.Now, answer.Status.ValidUntil, body));
        return body;
    }

    private Body Serialize(TResponse response)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, jsonOptions.Value.JsonSerializerOptions);
        return new Body(bytes, CacheableBytesResult.ETagOf(bytes));
    }

    /// <summary>X-Cache (HIT | MISS | STALE), and Age on answers served from memory.</summary>
    private static void ApplyCacheHeaders(HttpResponse response, VocAnswer answer)
    {
        response.Headers[StandardHeaders.XCache] = answer.CacheStatus switch
        {
            CacheStatus.Hit => "HIT",
            CacheStatus.Stale => "STALE",
            _ => "MISS",
        };
        if (answer.CacheStatus != CacheStatus.Miss)
        {
            response.Headers.Age = Math.Max(0, (long)answer.Age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
    }

    private sealed record Body(byte[] Bytes, string ETag);

    private sealed record Memo(VocWindowSnapshot Snapshot, DateTimeOffset From, DateTimeOffset? Until, Body Body);
}
