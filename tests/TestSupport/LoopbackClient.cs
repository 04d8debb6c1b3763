using System.Net;
using System.Net.Sockets;

namespace LunarVoc.TestSupport;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (any of 127.0.0.0/8), so that one test
/// can be several clients to the server's per-client limits.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>An open TCP connection from <paramref name="localAddress"/>.</summary>
    public static async Task<Socket> ConnectAsync(string localAddress, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }
}
