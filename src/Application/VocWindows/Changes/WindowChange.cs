using LunarVoc.Application.Webhooks;
using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// What one change did to the stored windows: which were created, updated or removed, and by what —
/// a save (<c>POST /voc</c>), the pre-fetch of computed windows, or a provider's invalidation (then
/// the service does not know which windows changed, and the lists are empty). Announced to every
/// instance and, as the windows.changed webhook, to every subscriber.
/// </summary>
public sealed record WindowChange(string Cause, ImmutableArray<VocWindow> Created, ImmutableArray<VocWindow> Updated, ImmutableArray<VocWindow> Removed)
{
    public const string Saved = "saved";
    public const string Computed = "computed";
    public const string Invalidated = "invalidated";

    /// <summary>An upstream provider says its windows changed, without saying which.</summary>
    public static WindowChange ByProvider { get; } = new(Invalidated, [], [], []);

    /// <summary>The windows.changed webhook's body for a change at <paramref name="at"/>.</summary>
    public string Payload(DateTimeOffset at) =>
        WebhookPayloads.Of(WebhookEvents.WindowsChanged, at, new
        {
            Cause,
            Created = Created.Select(WebhookPayloads.Window),
            Updated = Updated.Select(WebhookPayloads.Window),
            Removed = Removed.Select(WebhookPayloads.Window),
        });
}
