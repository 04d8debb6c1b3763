namespace LunarVoc.Application.Webhooks;

/// <summary>Whether a URL may receive webhooks: its scheme, and every address its host resolves to.</summary>
public interface IWebhookTargetCheck
{
    /// <summary>Why the URL is refused, or null when it may be used.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
