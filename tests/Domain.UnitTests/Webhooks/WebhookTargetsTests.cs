using System.Net;
using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Domain.UnitTests.Webhooks;

[TestFixture]
public sealed class WebhookTargetsTests
{
    [TestCase("127.0.0.1")]
    [TestCase("10.1.2.3")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("::127.0.0.1")]
    [TestCase("::8.8.8.8")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:0:127.0.0.1")]           // IPv4-translated (::ffff:0:0:0/96)
    [TestCase("::ffff:0:a9fe:a9fe")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("64:ff9b::7f00:1")]
    [TestCase("64:ff9b:1::1")]
    [TestCase("2002:7f00:1::")]
    [TestCase("2002:a9fe:a9fe::1")]
    [TestCase("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo for 127.0.0.1
    [TestCase("192.0.2.1")]
    [TestCase("198.51.100.1")]
    [TestCase("203.0.113.1")]
    [TestCase("192.88.99.1")]
    [TestCase("2001:db8::1")]
    [TestCase("3fff::1")]
    [TestCase("5f00::1")]
    [TestCase("100::1")]
    [TestCase("2001:10::1")]
    [TestCase("fd00::1")]
    [TestCase("fe80::1")]
    [TestCase("ff02::1")]
    public void Addresses_that_reach_this_machine_or_a_private_network_are_refused(string address) =>
        Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(address)), Is.False);

    [TestCase("93.184.215.14")]
    [TestCase("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [TestCase("::ffff:93.184.215.14")]
    [TestCase("::ffff:0:93.184.215.14")]
    [TestCase("64:ff9b::5db8:d70e")]          // NAT64 to 93.184.215.14
    [TestCase("2002:5db8:d70e::1")]           // 6to4 from 93.184.215.14
    public void Public_addresses_in_any_form_are_allowed(string address) =>
        Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(address)), Is.True);
}
