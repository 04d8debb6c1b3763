namespace LunarVoc.Domain.Webhooks;

/// <summary>The events a webhook subscription may ask for, by the names receivers see in "type".</summary>
public static class WebhookEvents
{
    public const string VocStarted = "voc.started";
    public const string VocEnded = "voc.ended";
    public const string VocUpcoming = "voc.upcoming";
    public const string MoonIngress = "moon.ingress";
    public const string MoonPhase = "moon.phase";
    public const string WindowsChanged = "windows.changed";
    public const string Test = "webhook.test";

    public const int MinLeadMinutes = 1;
    public const int MaxLeadMinutes = 1_440;

    /// <summary>What a subscription may list (webhook.test is sent on request to any subscription).</summary>
    public static readonly IReadOnlyList<string> Subscribable = [VocStarted, VocEnded, VocUpcoming, MoonIngress, MoonPhase, WindowsChanged];

    public static bool IsSubscribable(string name) => Subscribable.Contains(name, StringComparer.Ordinal);
}
