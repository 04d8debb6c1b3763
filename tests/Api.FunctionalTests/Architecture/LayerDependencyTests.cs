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

    /// <summary>
    /// Beyond package references: no type of a layer derives from, implements, holds, takes or returns a
    /// type of a layer it must not know. (The API calls Infrastructure's registration once, in a method body.)
    /// </summary>
    [TestCase("LunarVoc.Api", "LunarVoc.Infrastructure")]
    [TestCase("LunarVoc.Infrastructure", "LunarVoc.Api")]
    [TestCase("LunarVoc.Application", "LunarVoc.Infrastructure")]
    [TestCase("LunarVoc.Application", "LunarVoc.Api")]
    [TestCase("LunarVoc.Domain", "LunarVoc.Application")]
    public void No_type_of_a_layer_touches_a_type_of_a_layer_it_must_not_know(string layer, string forbidden)
    {
        var offenders = Assembly.Load(layer).GetTypes()
            .SelectMany(type => TypesSeenBy(type)
                .Where(seen => seen.Assembly.GetName().Name == forbidden)
                .Select(seen => $"{type.FullName} uses {seen.FullName}"))
            .Distinct()
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> TypesSeenBy(Type type)
    {
        var seen = new List<Type>();
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            seen.Add(baseType);
        }

        seen.AddRange(type.GetInterfaces());
        seen.AddRange(type.GetFields(Declared).Select(field => field.FieldType));
        seen.AddRange(type.GetProperties(Declared).Select(property => property.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            seen.AddRange(method.GetParameters().Select(parameter => parameter.ParameterType));
            if (method is MethodInfo info)
            {
                seen.Add(info.ReturnType);
            }
        }

        return seen.SelectMany(Unwrapped);
    }

    /// <summary>A type and the types it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Unwrapped(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrapped(type.GetElementType()!);
        }

        return type.IsGenericType ? [type, .. type.GetGenericArguments().SelectMany(Unwrapped)] : [type];
    }
}
