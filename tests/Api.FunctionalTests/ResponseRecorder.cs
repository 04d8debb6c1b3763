using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LunarVoc.Api.FunctionalTests;

/// <summary>
/// Records every answer the functional tests receive from an API route — method, route, status,
/// headers and body — one JSON line each, into the file named by <c>LUNARVOC_RESPONSES_OUT</c>.
/// scripts/test.sh then checks each against the OpenAPI document the service serves
/// (tests/contract/validate-responses.mjs): a real answer the document does not describe fails the run.
/// </summary>
internal sealed class ResponseRecorder : IStartupFilter
{
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly object Gate = new();
    private static readonly string? OutputPath = Environment.GetEnvironmentVariable("LUNARVOC_RESPONSES_OUT");

    public static bool Enabled => !string.IsNullOrEmpty(OutputPath);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private static async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // The exception handler clears the endpoint before it answers; it keeps the original in its feature.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        // A client that went away was answered nothing (the 499 in the logs is no status on the wire).
        if (endpoint is RouteEndpoint { RoutePattern.RawText: { } route } && route.StartsWith("api/", StringComparison.Ordinal) && !context.RequestAborted.IsCancellationRequested)
        {
            Write(context, route, copy);
        }
    }

    private static void Write(HttpContext context, string route, MemoryStream body)
    {
        var record = new
        {
            method = context.Request.Method,
            route,
            url = context.Request.Path + context.Request.QueryString,
            status = context.Response.StatusCode,
            headers = context.Response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body = body.Length <= MaxBodyBytes ? Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length) : null,
        };
        var line = JsonSerializer.Serialize(record);
        lock (Gate)
        {
            File.AppendAllText(OutputPath!, line + "\n");
        }
    }

    /// <summary>Writes to the response and keeps a copy.</summary>
    private sealed class TeeStream(Stream inner, MemoryStream copy) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
