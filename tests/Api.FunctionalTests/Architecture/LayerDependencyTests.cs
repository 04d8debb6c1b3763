using System.Reflection;

// Outside the functional tests' namespace, so it runs without their PostgreSQL set-up: it reads assemblies only.
namespace LunarVoc.Architecture.Tests;

/// <summary>Dependencies point inward: Domain ← Application ← Infrastructure, Api; only Infrastructure knows the technologies.</summary>
[TestFixture]
public sealed class LayerDependencyTests
{
    private static string[] ReferencesOf(string assemblyName) =>
        Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Test]
    public void Domain_references_only_the_base_class_library()
    {
        var references = ReferencesOf("LunarVoc.Domain");

        Assert.That(references, Has.All.Matches<string>(name => name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard"));
    }

    [TestCase("LunarVoc.Infrastructure")]
    [TestCase("LunarVoc.Api")]
    [TestCase("Npgsql")]
    [TestCase("Dapper")]
    [TestCase("StackExchange.Redis")]
    [TestCase("Microsoft.Extensions.Caching.StackExchangeRedis")]
    [TestCase("Microsoft.Extensions.Caching.Hybrid")]
    [TestCase("Microsoft.Extensions.Caching.Memory")]
    public void Application_does_not_reference_outer_layers_or_technology(string forbidden)
    {
        Assert.That(ReferencesOf("LunarVoc.Application"), Has.No.Member(forbidden));
    }

    [Test]
    public void Application_knows_nothing_of_http()
    {
        Assert.That(ReferencesOf("LunarVoc.Application"), Has.None.StartsWith("Microsoft.AspNetCore"));
    }

    [Test]
    public void Infrastructure_does_not_reference_the_api()
    {
        Assert.That(ReferencesOf("LunarVoc.Infrastructure"), Has.No.Member("LunarVoc.Api"));
    }

    [TestCase("Npgsql")]
    [TestCase("Dapper")]
    [TestCase("StackExchange.Redis")]
    [TestCase("Microsoft.Extensions.Caching.StackExchangeRedis")]
    [TestCase("Microsoft.Extensions.Caching.Hybrid")]
    [TestCase("Microsoft.Extensions.Caching.Memory")]
    [TestCase("dbup-postgresql")]
    [TestCase("dbup-core")]
    public void The_api_knows_infrastructure_only_by_its_registration(string technology)
    {
        Assert.That(ReferencesOf("LunarVoc.Api"), Has.No.Member(technology));
    }
}
