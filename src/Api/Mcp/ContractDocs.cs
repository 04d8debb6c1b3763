using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LunarVoc.Api.Mcp;

/// <summary>
/// The contracts' own documentation (the param tags of their records, as the OpenAPI document shows
/// them), read from the XML file the build writes beside the assembly: the tools' output schemas
/// describe each field in the same words.
/// </summary>
public static partial class ContractDocs
{
    private static readonly Lazy<Dictionary<string, string>> Described = new(Load);

    /// <summary>What the contract says of a member, or null.</summary>
    public static string? Of(Type? type, MemberInfo? member) =>
        type is null || member is null ? null : Described.Value.GetValueOrDefault($"{type.FullName}.{member.Name}");

    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(ContractDocs).Assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            return [];
        }

        return XDocument.Load(path).Descendants("member")
            .Where(member => ((string?)member.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true)
            .SelectMany(member => member.Elements("param").Select(param => (Key: $"{((string)member.Attribute("name")!)[2..]}.{(string?)param.Attribute("name")}", Text: Spaces().Replace(param.Value, " ").Trim())))
            .Where(entry => entry.Text.Length > 0)
            .GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Text, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
