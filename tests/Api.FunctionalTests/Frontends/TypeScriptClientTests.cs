using LunarVoc.Api.FunctionalTests.Process;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// The TypeScript client (tests/contract/client) is generated from the document the running service
/// serves, compiled with tsc --strict and run against that service: reads, a write, a 409 and a 429,
/// with no hand fixes. Needs Node.js and `npm ci` in tests/contract (scripts/test.sh does both).
/// </summary>
[TestFixture]
public sealed class TypeScriptClientTests
{
    private static readonly string Contract = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../contract"));

    [Test]
    public async Task The_generated_client_compiles_strictly_and_works_against_the_service()
    {
        Assert.That(Path.Combine(Contract, "node_modules/.bin/tsc"), Does.Exist, "run npm ci in tests/contract (scripts/test.sh does)");
        using var api = await ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_ts_{Guid.NewGuid():N}"), LoopbackPorts.Free(), new Dictionary<string, string>
        {
            ["RateLimiting__Enabled"] = "true",
            ["RateLimiting__ReadsPerWindow"] = "40",
        });
        var document = new Uri(api.Address, "/swagger/v1/swagger.json").ToString();

        ExternalProcess.Run(Path.Combine(Contract, "node_modules/.bin/openapi-typescript"), document, "-o", Path.Combine(Contract, "client/generated/lunarvoc.ts"));
        ExternalProcess.Run(Path.Combine(Contract, "node_modules/.bin/tsc"), "-p", Path.Combine(Contract, "client"));
        var output = ExternalProcess.Run("node", Path.Combine(Contract, "client/dist/check.js"), api.Address.ToString().TrimEnd('/'), LunarVocApiFactory.WriterKey);

        Assert.That(output, Does.Contain("typescript client: ok"));
    }
}
