using System.Text;
using LunarVoc.Api.Errors;
using LunarVoc.Api.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.Streams;

/// <summary>
/// One client's live status stream (Server-Sent Events): the status at once (unless Last-Event-ID
/// says the client has it), then every change the broadcaster publishes, and a comment at every
/// heartbeat. Ends cleanly when the client leaves or the service stops, so clients reconnect.
/// </summary>
public sealed class StatusStreamWriter(
    StatusBroadcaster broadcaster,
    StreamSlots slots,
    StreamMetrics metrics,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    IOptions<StreamOptions> options)
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

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

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await WriteAsync(response, Encoding.ASCII.GetBytes($"retry: {options.Value.ReconnectMilliseconds}\n\n"), stop.Token);
            var latest = await broadcaster.LatestAsync.WaitAsync(stop.Token);
            if (context.Request.Headers["Last-Event-ID"] != latest.Id)
            {
                await SendAsync(response, latest, zone, isChange: false, stop.Token);
            }

            while (true)
            {
                var next = broadcaster.Next;
                var beat = broadcaster.Heartbeat;
                if (broadcaster.Latest is { } newer && newer != latest)
                {
                    latest = newer;
                    await SendAsync(response, latest, zone, isChange: true, stop.Token);
                    continue;
                }

                if (await Task.WhenAny(next, beat).WaitAsync(stop.Token) == next)
                {
                    latest = await next;
                    await SendAsync(response, latest, zone, isChange: true, stop.Token);
                }
                else
                {
                    await WriteAsync(response, KeepAlive, stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the service is stopping: the stream ends and clients reconnect.
        }
        finally
        {
            slots.Release(client);
        }
    }

    private async Task SendAsync(HttpResponse response, StatusEvent status, TimeZoneInfo? zone, bool isChange, CancellationToken cancellationToken)
    {
        await WriteAsync(response, status.FrameFor(zone), cancellationToken);
        metrics.Sent(isChange ? timeProvider.GetUtcNow() - status.PublishedAt : null);
    }

    private static async Task WriteAsync(HttpResponse response, byte[] frame, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task Refuse(HttpContext context, int status) => status == StatusCodes.Status429TooManyRequests
        ? Problems.WriteAsync(context, status, "Too many streams.", "This client has as many status streams open as it may; close one, or poll /status.", TimeSpan.FromSeconds(30))
        : Problems.WriteAsync(context, status, "No stream available.", "This instance has as many status streams open as it may; try again later, or poll /status.", TimeSpan.FromSeconds(10));
}
