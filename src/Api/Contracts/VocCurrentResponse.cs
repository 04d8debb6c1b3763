namespace LunarVoc.Api.Contracts;

/// <summary>Whether the Moon is void now.</summary>
/// <param name="IsVoc" example="true">True when a window contains the moment of the response.</param>
/// <param name="Current">The window containing now (start_at ≤ now &lt; end_at), or null.</param>
/// <param name="AsOf" example="2026-11-24T12:00:00Z">When the windows were read from the database (UTC).</param>
/// <param name="Stale" example="false">True when an older answer is served because the database could not be read, or did not answer within the soft timeout.</param>
public sealed record VocCurrentResponse(bool IsVoc, VocWindowResponse? Current, DateTimeOffset AsOf, bool Stale)
{
    public static VocCurrentResponse From(VocAnswer answer, TimeZoneInfo? zone) =>
        new(answer.Status.IsVoc, VocWindowResponse.FromOptional(answer.Status.Current, zone), IsoInstant.WholeSeconds(answer.Snapshot.FetchedAt), Stale: answer.CacheStatus == CacheStatus.Stale);
}
