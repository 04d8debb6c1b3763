using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace LunarVoc.Api.Security;

/// <summary>
/// The proxies (load balancers) whose X-Forwarded-For and X-Forwarded-Proto are believed; from
/// anyone else those headers are ignored. None by default: the client is the connection's peer.
/// </summary>
public sealed class TrustedProxies : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. 10.0.0.5 (env ForwardedHeaders__KnownProxies__0).</summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. 10.0.0.0/8 (env ForwardedHeaders__KnownNetworks__0).</summary>
    public List<string> KnownNetworks { get; } = [];

    /// <summary>How many proxy hops are unwrapped from X-Forwarded-For, right to left.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    // Parsed once, on first use after start-up validation: every new connection asks Trusts.
    private IPAddress[] Proxies => field ??= [.. KnownProxies.Select(IPAddress.Parse)];

    private IPNetwork[] Networks => field ??= [.. KnownNetworks.Select(IPNetwork.Parse)];

    /// <summary>Whether a peer is one of the trusted proxies.</summary>
    public bool Trusts(IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return Proxies.Contains(address) || Networks.Any(network => network.Contains(address));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IsAddress(KnownProxies[i]))
            {
                yield return new ValidationResult($"ForwardedHeaders:KnownProxies:{i} must be an IP address such as 10.0.0.5.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult($"ForwardedHeaders:KnownNetworks:{i} must be a network in CIDR notation such as 10.0.0.0/8.", [nameof(KnownNetworks)]);
            }
        }
    }

    /// <summary>An IPv6 address, or an IPv4 address in full dotted form (the parser also takes "10.0.0" as 10.0.0.0).</summary>
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    /// <summary>Applies the validated settings to the framework's middleware, replacing its default (loopback) trust.</summary>
    internal sealed class Configure(IOptions<TrustedProxies> settings) : IConfigureOptions<ForwardedHeadersOptions>
    {
        void IConfigureOptions<ForwardedHeadersOptions>.Configure(ForwardedHeadersOptions options)
        {
            var trusted = settings.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = trusted.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in trusted.Networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        }
    }
}
