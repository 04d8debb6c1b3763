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
    [TestCase("Microsoft.AspNetCore.Http.Abstractions")]
    [TestCase("Microsoft.AspNetCore.Mvc.Core")]
    [TestCase("StackExchange.Redis")]
    [TestCase("Microsoft.Extensions.Caching.StackExchangeRedis")]
    public void Application_does_not_reference_outer_layers_or_technology(string forbidden)
    {
        Assert.That(ReferencesOf("LunarVoc.Application"), Has.No.Member(forbidden));
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
    [TestCase("dbup-postgresql")]
    [TestCase("DbUp")]
    public void The_api_knows_infrastructure_only_by_its_registration(string technology)
    {
        Assert.That(ReferencesOf("LunarVoc.Api"), Has.No.Member(technology));
    }
}
