using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

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

    /// <summary>X-Cache (HIT | MISS | STALE), and Age rounded up: max-age − Age, what a cache leaves (RFC 9111 §4.2), never overshoots.</summary>
    private static void ApplyCacheHeaders(HttpResponse response, CacheStatus status, TimeSpan? age)
    {
        response.Headers[StandardHeaders.XCache] = status switch
        {
            CacheStatus.Hit => "HIT",
            CacheStatus.Stale => "STALE",
            _ => "MISS",
        };
        if (age is { } known)
        {
            response.Headers.Age = Math.Max(0, (long)Math.Ceiling(known.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private sealed record Body(byte[] Bytes, string ETag);

    private sealed record Memo(object Source, DateTimeOffset? From, DateTimeOffset? Until, Body Body);
}

/// <summary>
/// The one conditional-GET path: a 200 answer whose body is already serialised, with its entity tag
/// and how long clients may keep it — written as it is, or as 304 with no body when the client
/// already holds it (If-None-Match). JSON reads and the calendar feed alike.
/// </summary>
internal sealed class CacheableBytesResult(byte[] body, string etag, TimeSpan maxAge, string contentType = CacheableBytesResult.Json, string? fileName = null)
    : IActionResult
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>A body whose entity tag is worked out from its bytes.</summary>
    public CacheableBytesResult(byte[] body, TimeSpan maxAge, string contentType = Json, string? fileName = null)
        : this(body, ETagOf(body), maxAge, contentType, fileName)
    {
    }

    /// <summary>A strong entity tag: the first 16 bytes of the body's SHA-256, base64url.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return $"\"{Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={Math.Max(0, (long)maxAge.TotalSeconds)}");
        if (ClientHoldsIt(context.HttpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (fileName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        }

        return response.Body.WriteAsync(body, context.HttpContext.RequestAborted).AsTask();
    }

    /// <summary>Whether If-None-Match is "*" or names this body (weak comparison, RFC 9110 §13.1.2).</summary>
    private bool ClientHoldsIt(HttpRequest request) =>
        request.Headers.IfNoneMatch.Count > 0
        && request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
