using System.Text.Json;
using System.Text.Json.Serialization;

namespace LunarVoc.Infrastructure.UnitTests.Ephemeris;

/// <summary>One line of a reference window file.</summary>
public sealed record ReferenceWindow(
    [property: JsonPropertyName("start_unix")] double StartUnix,
    [property: JsonPropertyName("end_unix")] double EndUnix,
    [property: JsonPropertyName("sign")] string Sign,
    [property: JsonPropertyName("next_sign")] string NextSign,
    [property: JsonPropertyName("last_aspect")] ReferenceAspect? LastAspect,
    [property: JsonPropertyName("margin_s")] double MarginSeconds)
{
    public static IReadOnlyList<ReferenceWindow> Load(string fileName) =>
        [.. File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Ephemeris", "Reference", fileName))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<ReferenceWindow>(line)!)];
}

public sealed record ReferenceAspect(
    [property: JsonPropertyName("planet")] string Planet,
    [property: JsonPropertyName("aspect")] string Aspect);
