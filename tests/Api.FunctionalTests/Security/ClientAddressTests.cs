using System.Net;
using LunarVoc.Api.Security;

namespace LunarVoc.Api.FunctionalTests.Security;

[TestFixture]
public sealed class ClientAddressTests
{
    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [TestCase("::1", "::/64")]
    public void An_ipv4_client_is_its_address_and_an_ipv6_client_its_64(string address, string partition) =>
        Assert.That(ClientAddress.PartitionOf(IPAddress.Parse(address)), Is.EqualTo(partition));

    [Test]
    public void An_unknown_peer_has_one_shared_partition() =>
        Assert.That(ClientAddress.PartitionOf((IPAddress?)null), Is.EqualTo("unknown"));
}
