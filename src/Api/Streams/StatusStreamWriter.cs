using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;
using LunarVoc.Api.Errors;
using LunarVoc.Api.Security;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace LunarVoc.Api.Streams;

/// <summary>
/// One client's live status stream (Server-Sent Events): the status at once (unless Last-Event-ID
/// says the client has it), then every change the broadcaster publishes, and a comment at every
/// heartbeat. Ends cleanly when the client leaves or the service stops, so clients reconnect. A client
/// that stops reading may hold at most the queue bound unread (its socket's send buffer, checked after
/// every write), and a write it does not take within the write timeout closes the stream too; both
/// are counted on /metrics and logged as a summary.
/// </summary>
public sealed partial class StatusStreamWriter(
    StatusBroadcaster broadcaster,
    StreamSlots slots,
    StreamMetrics metrics,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    IOptions<StreamOptions> options,
    ILogger<StatusStreamWriter> logger)
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private readonly ThrottledLog _closedLog = new(timeProvider, TimeSpan.FromMinutes(1));

    public async Task RunAsync(HttpContext context, TimeZoneInfo? zone)
    {
        var client = ClientAddress.PartitionOf(context);
        if (slots.TryTake(client) is { } refusal)
        {
            await Refuse(context, refusal);
            return;
        }

        try
        {
            broadcaster.Demand();
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events on as they come
            response.Headers.Remove(Http.StandardHeaders.XCache); // not a cached answer
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            var socket = BoundSendBuffer(context);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await WriteAsync(context, socket, Encoding.ASCII.GetBytes($"retry: {options.Value.ReconnectMilliseconds}\n\n"), stop.Token);
            var latest = await broadcaster.LatestAsync.WaitAsync(stop.Token);
            if (context.Request.Headers["Last-Event-ID"] != latest.Id)
            {
                await SendAsync(context, socket, latest, zone, isChange: false, stop.Token);
            }

            while (true)
            {
                var next = latest.Next;
                if (await Task.WhenAny(next, broadcaster.Heartbeat).WaitAsync(stop.Token) == next)
                {
                    latest = await next;
                    await SendAsync(context, socket, latest, zone, isChange: true, stop.Token);
                }
                else
                {
                    await WriteAsync(context, socket, KeepAlive, stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away, did not keep up, or the service is stopping: the stream ends and clients reconnect.
        }
        finally
        {
            slots.Release(client);
        }
    }

    /// <summary>On HTTP/1.1 the connection is the stream's own: its kernel send buffer is what a client that stops reading can hold up.</summary>
    private Socket? BoundSendBuffer(HttpContext context)
    {
        if (!HttpProtocol.IsHttp11(context.Request.Protocol) || context.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return null;
        }

        socket.SendBufferSize = options.Value.MaxQueuedKilobytes * 1024;
        return socket;
    }

    private async Task SendAsync(HttpContext context, Socket? socket, StatusEvent status, TimeZoneInfo? zone, bool isChange, CancellationToken cancellationToken)
    {
        await WriteAsync(context, socket, status.FrameFor(zone), cancellationToken);
        metrics.Sent(isChange ? timeProvider.GetUtcNow() - status.PublishedAt : null);
    }

    /// <summary>A write the client must take in time, after which it may hold at most the queue bound unread; else the stream closes.</summary>
    private async Task WriteAsync(HttpContext context, Socket? socket, byte[] frame, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(options.Value.WriteTimeout, timeProvider);
        using var write = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            await context.Response.Body.WriteAsync(frame, write.Token);
            await context.Response.Body.FlushAsync(write.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            CloseSlow(context);
        }

        if (socket is not null && SocketQueue.Unsent(socket) > options.Value.MaxQueuedKilobytes * 1024)
        {
            CloseSlow(context);
        }
    }

    [DoesNotReturn]
    private void CloseSlow(HttpContext context)
    {
        metrics.ClosedSlow();
        if (_closedLog.ShouldWrite(out var occurrences))
        {
            LogClosedSlow(logger, occurrences, options.Value.MaxQueuedKilobytes, options.Value.WriteTimeoutSeconds);
        }

        context.Abort(); // what is queued for it is dropped with the connection
        throw new OperationCanceledException("The client did not keep up with its stream.");
    }

    private static Task Refuse(HttpContext context, int status) => status == StatusCodes.Status429TooManyRequests
        ? Problems.WriteAsync(context, status, "Too many streams.", "This client has as many status streams open as it may; close one, or poll /status.", TimeSpan.FromSeconds(30))
        : Problems.WriteAsync(context, status, "No stream available.", "This instance has as many status streams open as it may; try again later, or poll /status.", TimeSpan.FromSeconds(10));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed {Occurrences} status streams since the last report whose clients did not keep up (more than {QueuedKilobytes} KiB unread, or a write not taken within {TimeoutSeconds}s)")]
    private static partial void LogClosedSlow(ILogger logger, long occurrences, int queuedKilobytes, int timeoutSeconds);
}
