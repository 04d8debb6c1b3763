using System.Diagnostics;
using System.Net.Http.Headers;
using LunarVoc.Application.Webhooks;
using StandardWebhooks;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// One delivery attempt, signed per Standard Webhooks (webhook-id, webhook-timestamp,
/// webhook-signature; a rotated secret signs beside the new one). No redirects are followed and no
/// proxy is used (it would hide the real target from the address check), the attempt has its timeout,
/// and nothing of the answer is read but its status.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<WebhookOptions> _options;

    public WebhookSender(WebhookTargetCheck targets, TimeProvider timeProvider, IOptions<WebhookOptions> options)
    {
        _timeProvider = timeProvider;
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = targets.ConnectAsync,
            ConnectTimeout = options.Value.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 16,
            // No bound per host: one host's receivers that hang must not keep another of its receivers
            // waiting for a connection. Connections in use stay bounded by the delivery slots.
            MaxConnectionsPerServer = int.MaxValue,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("LunarVoc-Webhooks", "1"));
    }

    /// <summary>Sends once; the status code (null when no answer came) and, on failure, why.</summary>
    public async Task<(int? Status, int Milliseconds, string? Error)> SendAsync(ClaimedMessage message, CancellationToken stopping)
    {
        var sentAt = _timeProvider.GetUtcNow();
        var signatures = Sign(message.Secret, message.MessageId, sentAt, message.Payload);
        if (message.PreviousSecret is { } previous)
        {
            signatures += " " + Sign(previous, message.MessageId, sentAt, message.Payload);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", message.MessageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signatures);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        attempt.CancelAfter(_options.Value.AttemptTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return (status, Elapsed(clock), status is >= 200 and < 300 ? null : $"answered {status}");
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (null, Elapsed(clock), $"no answer within {_options.Value.AttemptTimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, Elapsed(clock), Printable(ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}"));
        }
    }

    /// <summary>
    /// An error as it is stored and shown to the subscription's owner: the receiver's own bytes can be in
    /// it (a malformed status line), so control characters and surrogates (a lone one cannot be stored) become
    /// spaces, and it is cut to a bounded length.
    /// </summary>
    private static string Printable(string error)
    {
        const int Longest = 300;
        var text = new string(error.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c).ToArray());
        return text.Length <= Longest ? text : $"{text[..Longest]}…";
    }

    public void Dispose() => _client.Dispose();

    private static string Sign(string secret, string messageId, DateTimeOffset at, string payload) =>
        new StandardWebhook(secret).Sign(messageId, at, payload);

    private static int Elapsed(Stopwatch clock) => (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds);
}
