using System.Net;
using System.Net.Sockets;

namespace LunarVoc.Domain.Webhooks;

/// <summary>
/// Where a webhook may not be sent: addresses of this machine, of private networks and of cloud
/// metadata services (169.254.169.254 is link-local), multicast, the unspecified address, and the
/// ranges reserved for documentation, benchmarks and other uses that are never a public receiver. Any
/// form of an address counts: an IPv6 address that carries an IPv4 address — mapped (::ffff:0:0/96),
/// translated (::ffff:0:0:0/96), through NAT64 (64:ff9b::/96), 6to4 (2002::/16) or Teredo (2001::/32) — is judged as the IPv4
/// address it reaches; IPv4-compatible addresses (::/96, deprecated) are refused.
/// </summary>
public static class WebhookTargets
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),  // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),    // documentation (TEST-NET-1)
        IPNetwork.Parse("192.88.99.0/24"),  // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation (TEST-NET-2)
        IPNetwork.Parse("203.0.113.0/24"),  // documentation (TEST-NET-3)
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, broadcast
        IPNetwork.Parse("::/96"),           // unspecified, loopback and the deprecated IPv4-compatible forms
        IPNetwork.Parse("100::/64"),        // discard-only
        IPNetwork.Parse("2001:10::/28"),    // ORCHID (deprecated)
        IPNetwork.Parse("2001:20::/28"),    // ORCHIDv2
        IPNetwork.Parse("2001:db8::/32"),   // documentation
        IPNetwork.Parse("3fff::/20"),       // documentation (RFC 9637)
        IPNetwork.Parse("5f00::/16"),       // SRv6 segment identifiers, not globally reachable
        IPNetwork.Parse("fc00::/7"),        // unique local
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated, still private)
        IPNetwork.Parse("ff00::/8"),        // multicast
        IPNetwork.Parse("64:ff9b:1::/48"),  // local-use NAT64
    ];

    /// <summary>Whether a webhook may be delivered to this address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        var plain = Reached(address);
        if (plain.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        foreach (var network in Forbidden)
        {
            if (network.BaseAddress.AddressFamily == plain.AddressFamily && network.Contains(plain))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>The IPv4 address an IPv6 address carries and reaches, or the address itself.</summary>
    private static IPAddress Reached(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || Translated.Contains(address))
        {
            return new IPAddress(bytes[12..16]);
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes[2..6]);
        }

        // Teredo: the client's IPv4 address, each bit inverted, in the last 32 bits.
        return Teredo.Contains(address) ? new IPAddress(bytes[12..16].Select(b => (byte)~b).ToArray()) : address;
    }
}
