using System.Net;
using System.Net.Sockets;

namespace LunarVoc.Api.Security;

/// <summary>
/// Who a client is, for its budgets: its address as the forwarded-headers middleware left it (the
/// real client behind a trusted proxy, the connection's peer otherwise). An IPv6 client is its /64,
/// since one subscriber is usually given a whole /64 and would otherwise have 2^64 budgets.
/// </summary>
public static class ClientAddress
{
    public static string PartitionOf(HttpContext context) => PartitionOf(context.Connection.RemoteIpAddress);

    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
