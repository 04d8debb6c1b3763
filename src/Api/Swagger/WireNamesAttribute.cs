namespace LunarVoc.Api.Swagger;

/// <summary>A string member of an answer whose values are the names of a domain enum, as the answers write them: the OpenAPI document lists them.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WireNamesAttribute(Type enumType, WireCase wireCase = WireCase.AsNamed) : Attribute
{
    public IEnumerable<string> Values => Enum.GetNames(enumType).Select(name => wireCase switch
    {
        WireCase.Lower => name.ToLowerInvariant(),
        WireCase.Snake => JsonNamingPolicy.SnakeCaseLower.ConvertName(name),
        _ => name,
    });
}

internal enum WireCase
{
    AsNamed,
    Lower,
    Snake,
}
