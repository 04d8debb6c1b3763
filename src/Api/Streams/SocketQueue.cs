using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LunarVoc.Api.Streams;

/// <summary>
/// What a socket holds that its peer has not taken yet: the kernel's unsent bytes (Linux's TIOCOUTQ,
/// as `ss` shows in Send-Q). .NET has no API for it; null where the platform does not tell.
/// </summary>
internal static class SocketQueue
{
    private const nuint OutputQueue = 0x5411; // TIOCOUTQ, SIOCOUTQ on sockets

    public static int? Unsent(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return Ioctl(socket.Handle, OutputQueue, out var unsent) == 0 ? unsent : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(nint descriptor, nuint request, out int value);
}
