using System.Globalization;
using System.Text.Json;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Http;

/// <summary>
/// An answer as HTTP: the JSON with its entity tag and max-age, and for VoC answers X-Cache and Age.
/// The UTC body is kept while its source is the same — for a VoC answer, while the same windows show
/// the same status, for every instant in [first served, the status's next change) — so polling
/// clients get the bytes as they are, with no serialisation per request; a body for a time zone is
/// built each time.
/// </summary>
public sealed class ResponseBodyMemo<TResponse>(IOptions<JsonOptions> jsonOptions)
    where TResponse : class
{
    private Memo? _last;

    public IActionResult Respond(HttpResponse response, VocAnswer answer, TimeZoneInfo? zone, Func<VocAnswer, TimeZoneInfo?, TResponse> build)
    {
        ApplyCacheHeaders(response, answer.CacheStatus, answer.Age);
        var body = zone is null
            ? Memoised(answer.Snapshot, answer.Now, answer.Status.ValidUntil, () => build(answer, null))
            : Serialize(build(answer, zone));
        return new CacheableBytesResult(body.Bytes, body.ETag, answer.MaxAge);
    }

    /// <summary>An answer that says the same for as long as its (immutable) source is the same one.</summary>
    public IActionResult Respond<TSource>(HttpResponse response, TSource source, TimeSpan maxAge, TimeZoneInfo? zone, Func<TSource, TimeZoneInfo?, TResponse> build)
        where TSource : class, ICacheableResponse<TSource>
    {
        ApplyCacheHeaders(response, source.CacheStatus, age: null);
        var body = zone is null ? Memoised(source, from: null, until: null, () => build(source, null)) : Serialize(build(source, zone));
        return new CacheableBytesResult(body.Bytes, body.ETag, maxAge);
    }

    private Body Memoised(object source, DateTimeOffset? from, DateTimeOffset? until, Func<TResponse> build)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Source, source) && !(from < last.From) && (last.Until is null || from < last.Until))
        {
            return last.Body;
        }

        var body = Serialize(build());
        Volatile.Write(ref _last, new Memo(source, from, until, body));
        return body;
    }

    private Body Serialize(TResponse response)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, jsonOptions.Value.JsonSerializerOptions);
        return new Body(bytes, CacheableBytesResult.ETagOf(bytes));
    }

    /// <summary>X-Cache (HIT | MISS | STALE), and Age on answers served from memory when it is known.</summary>
    private static void ApplyCacheHeaders(HttpResponse response, CacheStatus status, TimeSpan? age)
    {
        response.Headers[StandardHeaders.XCache] = status switch
        {
            CacheStatus.Hit => "HIT",
            CacheStatus.Stale => "STALE",
            _ => "MISS",
        };
        if (status != CacheStatus.Miss && age is { } known)
        {
            response.Headers.Age = Math.Max(0, (long)known.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
    }

    private sealed record Body(byte[] Bytes, string ETag);

    private sealed record Memo(object Source, DateTimeOffset? From, DateTimeOffset? Until, Body Body);
}
