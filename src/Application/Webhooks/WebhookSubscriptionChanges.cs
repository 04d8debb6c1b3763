using LunarVoc.Application.Common.Hosting;

namespace LunarVoc.Application.Webhooks;

/// <summary>Tells the webhook scheduler that a subscription was created, so its events are queued at once.</summary>
public sealed class WebhookSubscriptionChanges : ChangeSignal;
