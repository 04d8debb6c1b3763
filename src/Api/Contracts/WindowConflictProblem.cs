using System.Text.Json.Serialization;

namespace LunarVoc.Api.Contracts;

/// <summary>The 409 answer: a problem document that names the stored window in the way.</summary>
/// <remarks>Describes the shape for the OpenAPI document; the answer itself is written by the one problem writer.</remarks>
public sealed class WindowConflictProblem : ProblemDetails
{
    /// <summary>The committed window the new one overlaps.</summary>
    [JsonPropertyName("conflicting_window")]
    public required VocWindowResponse ConflictingWindow { get; init; }
}
