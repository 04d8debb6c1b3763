using System.Net;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>The read budget belongs to the real client behind a trusted proxy, and to an IPv6 client's /64.</summary>
[TestFixture]
public sealed class ForwardedHeadersTests
{
    private const int ReadsPerWindow = 3;

    private static IEnumerable<TestCaseData> Cases()
    {
        // Budgets (X-Forwarded-For values) that must be separate, and one that must share the first's.
        var trustedProxy = new Dictionary<string, string> { ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1" };
        var trustedNetwork = new Dictionary<string, string> { ["ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8" };
        yield return new TestCaseData(trustedProxy, "203.0.113.7", "203.0.113.7", "198.51.100.9", true).SetName("Trusted proxy: clients by X-Forwarded-For");
        yield return new TestCaseData(trustedNetwork, "203.0.113.7", "203.0.113.7", "198.51.100.9", true).SetName("Trusted network: clients by X-Forwarded-For");
        yield return new TestCaseData(trustedProxy, "2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:3::1", true).SetName("IPv6 clients by their /64");
        yield return new TestCaseData(new Dictionary<string, string>(), "203.0.113.7", "198.51.100.9", "192.0.2.1", false).SetName("Untrusted peer: X-Forwarded-For ignored");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task The_read_budget_is_per_client(Dictionary<string, string> proxies, string first, string sameBudget, string other, bool otherHasOwnBudget)
    {
        var settings = new Dictionary<string, string>(proxies)
        {
            ["RateLimiting__Enabled"] = "true",
            ["RateLimiting__ReadsPerWindow"] = ReadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var api = await ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_forwarded_{Guid.NewGuid():N}"), LoopbackPorts.Free(), settings);
        using var client = api.CreateClient();

        var firstCodes = new List<HttpStatusCode>();
        for (var i = 0; i < ReadsPerWindow; i++)
        {
            firstCodes.Add(await StatusAs(client, i % 2 == 0 ? first : sameBudget));
        }

        var sameAfterBudget = await StatusAs(client, sameBudget);
        var otherClient = await StatusAs(client, other);

        Assert.That(firstCodes, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(sameAfterBudget, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(otherClient, Is.EqualTo(otherHasOwnBudget ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests));
    }

    private static async Task<HttpStatusCode> StatusAs(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/lunar/voc/status", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
