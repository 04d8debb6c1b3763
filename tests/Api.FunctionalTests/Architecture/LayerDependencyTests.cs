using System.Reflection;

namespace LunarVoc.Api.FunctionalTests.Architecture;

/// <summary>Dependencies point inward: Domain ← Application ← Infrastructure, Api.</summary>
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
    public void Application_does_not_reference_outer_layers_or_technology(string forbidden)
    {
        Assert.That(ReferencesOf("LunarVoc.Application"), Has.No.Member(forbidden));
    }

    [Test]
    public void Infrastructure_does_not_reference_the_api()
    {
        Assert.That(ReferencesOf("LunarVoc.Infrastructure"), Has.No.Member("LunarVoc.Api"));
    }
}
