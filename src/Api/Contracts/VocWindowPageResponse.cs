namespace LunarVoc.Api.Contracts;

/// <summary>A page of stored windows.</summary>
/// <param name="Windows">Windows overlapping the range, ordered by start.</param>
/// <param name="Next" example="/api/lunar/voc/windows?from=2026-01-01T00:00:00Z&amp;to=2027-01-01T00:00:00Z&amp;limit=100&amp;after=2026-03-02T10:11:12Z">The next page, or null on the last one.</param>
public sealed record VocWindowPageResponse(IReadOnlyList<VocWindowResponse> Windows, string? Next);
