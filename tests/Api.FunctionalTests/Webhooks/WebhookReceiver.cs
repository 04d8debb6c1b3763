using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LunarVoc.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LunarVoc.Api.FunctionalTests.Webhooks;

/// <summary>
/// A webhook receiver on loopback (a real Kestrel server): records every request and answers each
/// with the next status queued (then the standing status, 200 unless set). Its path /hang records a
/// request and never answers it (until the receiver stops). Verifies Standard Webhooks signatures
/// itself, each of several (the C# package's Verify skips the last of several).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource? _hold;
    private volatile int _standing = 200;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The requests to /hang, each held without an answer.</summary>
    public ConcurrentQueue<Received> Hanging { get; } = new();

    /// <summary>Where a request hangs: on this receiver's host and port, beside <see cref="Address"/>.</summary>
    public Uri HangingAddress => new(Address, "/hang");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/hook"));
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                body));
            if (receiver._hold is { } hold)
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }

            context.Response.StatusCode = receiver._statuses.TryDequeue(out var status) ? status : receiver._standing;
        });
        app.MapPost("/hang", async (HttpContext context) =>
        {
            receiver.Hanging.Enqueue(new Received(context.Request.Headers["webhook-id"].ToString(), "", "", ""));
            await receiver._stopping.Task.WaitAsync(context.RequestAborted);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Answers the next requests with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    /// <summary>Answers every request with this status once the queued ones are used.</summary>
    public void AnswerAlways(int status) => _standing = status;

    /// <summary>Holds every answer (requests are still recorded) until the returned release is completed.</summary>
    public TaskCompletionSource Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers at once again, and lets the held answers go.</summary>
    public void Release()
    {
        _hold?.TrySetResult();
        _hold = null;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        _stopping.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A request as received.</summary>
    public sealed record Received(string Id, string Timestamp, string Signature, string Body)
    {
        /// <summary>The v1 signatures in the header that this secret's HMAC matches.</summary>
        public int SignaturesBy(string secret)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
            return Signature.Split(' ').Count(signature => signature == $"v1,{expected}");
        }
    }
}
