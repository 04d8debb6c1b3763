namespace LunarVoc.Api.Swagger;

/// <summary>
/// The bounds a query parameter's validator enforces, for the OpenAPI document: the value is checked by
/// the query's validator (one validation path), and this only tells clients what it accepts.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class DocumentedRangeAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}
