using System.Net;
using System.Net.Sockets;
using LunarVoc.Application.Webhooks;
using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// Resolves a webhook's host and judges every address (<see cref="WebhookTargets"/>): at subscription
/// time every address must be public; at connection time the socket goes to an address checked here,
/// so a name that resolves differently a second time (DNS rebinding) cannot reach a private one.
/// </summary>
internal sealed class WebhookTargetCheck(IOptions<WebhookOptions> options) : IWebhookTargetCheck
{
    private static readonly TimeSpan ResolveBudget = TimeSpan.FromSeconds(5);

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return "only http and https are delivered to";
        }

        var addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        if (addresses.Length == 0)
        {
            return "its host does not resolve";
        }

        return options.Value.AllowPrivateTargets || addresses.All(WebhookTargets.IsPublic) ? null : "its host resolves to an address that is not public (loopback, private, link-local, multicast and unspecified addresses are refused)";
    }

    /// <summary>Opens the connection for one delivery, to an address that passed the check.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(address => options.Value.AllowPrivateTargets || WebhookTargets.IsPublic(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException("refused: the host resolves to no public address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ResolveBudget);
        try
        {
            return await Dns.GetHostAddressesAsync(host, budget.Token);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [];
        }
    }
}
