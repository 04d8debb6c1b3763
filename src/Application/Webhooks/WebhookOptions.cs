using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Application.Webhooks;

/// <summary>Bounds and timing of webhook delivery.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Messages that may wait for one subscription: past it, a receiver that takes none of them gets no
    /// new <c>windows.changed</c> and no test until it catches up, so no queue grows without bound.
    /// </summary>
    public const int MaxWaitingPerSubscription = 1_000;

    /// <summary>Subscriptions one API key may hold.</summary>
    [Range(1, 10_000)]
    public int MaxPerKey { get; set; } = 100;

    /// <summary>Lets webhooks go to loopback and private addresses: for tests and private deployments only.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one attempt may take, connecting included.</summary>
    [Range(1, 60)]
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>The waits before each retry, in seconds (Standard Webhooks' own schedule by default); a jitter of ±10 % is added.</summary>
    [MinLength(1)]
    [MaxLength(20)]
    public int[] RetrySeconds { get; set; } = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

    /// <summary>A subscription whose deliveries have all failed for this long is disabled.</summary>
    [Range(1, 24 * 30)]
    public int DisableAfterHours { get; set; } = 72;

    /// <summary>Deliveries in flight at once on one instance.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentDeliveries { get; set; } = 256;

    /// <summary>Attempts in flight at once to one subscription, on all instances: a receiver that hangs holds this many slots, no more.</summary>
    [Range(1, 100)]
    public int MaxInFlightPerSubscription { get; set; } = 2;

    /// <summary>An event whose instant passed while no instance ran is still sent up to this long after it (its timestamp showing it late); older ones are dropped.</summary>
    [Range(0, 24 * 60)]
    public int LateLimitMinutes { get; set; } = 60;

    /// <summary>How long a message that is done (delivered, failed or cancelled) and its attempts are kept for their owner to read.</summary>
    [Range(1, 3_650)]
    public int KeepDays { get; set; } = 30;

    public TimeSpan LateLimit => TimeSpan.FromMinutes(LateLimitMinutes);

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);

    public TimeSpan DisableAfter => TimeSpan.FromHours(DisableAfterHours);
}
