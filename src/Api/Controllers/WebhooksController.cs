using LunarVoc.Api.Errors;
using LunarVoc.Api.Security;
using LunarVoc.Application.Webhooks.CreateWebhook;
using LunarVoc.Application.Webhooks.ManageWebhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace LunarVoc.Api.Controllers;

/// <summary>Webhook subscriptions: each belongs to the API key that made it; another key neither sees nor changes it.</summary>
[ApiController]
[Route("api/lunar/webhooks")]
[Authorize(Policy = ApiSecurity.WriterPolicy)]
[EnableRateLimiting(RateLimiting.Writes)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
public sealed class WebhooksController(ISender sender) : ControllerBase
{
    private string Owner => User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value;

    /// <summary>Subscribes a URL to events; the answer holds the signing secret, shown only here.</summary>
    /// <remarks>Deliveries are POSTs signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).</remarks>
    /// <response code="201">Created; Location names it.</response>
    /// <response code="400">A field is not valid (errors names it): the URL, an unknown event, lead_minutes.</response>
    /// <response code="409">This key holds as many subscriptions as it may.</response>
    /// <response code="413">The body is larger than 16 KiB.</response>
    [HttpPost(Name = "createWebhook")]
    [Consumes("application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<WebhookCreatedResponse>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<WebhookCreatedResponse>> Create(CreateWebhookRequest request)
    {
        var result = await sender.Send(new CreateWebhookCommand(Owner, request.Url, request.Events, request.LeadMinutes), HttpContext.RequestAborted);
        if (result.Created is not { } created)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "This key holds as many subscriptions as it may.", "Delete one before creating another.");
        }

        var body = WebhookCreatedResponse.From(created);
        return Created(Url.Action(nameof(Get), new { id = body.Id }), body);
    }

    /// <summary>This key's subscriptions.</summary>
    /// <remarks>Only the subscriptions made with the calling key; secrets are never listed.</remarks>
    /// <response code="200">The subscriptions, oldest first (no secrets).</response>
    [HttpGet(Name = "listWebhooks")]
    [ProducesResponseType<IReadOnlyList<WebhookResponse>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IReadOnlyList<WebhookResponse>> List() =>
        (await sender.Send(new ListWebhooksQuery(Owner), HttpContext.RequestAborted)).Select(WebhookResponse.From).ToArray();

    /// <summary>One of this key's subscriptions, and whether it is still delivered to.</summary>
    /// <remarks>active is false once the subscription is disabled; disabled_reason says why (410 Gone, or every delivery failing for too long) until POST /enable.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="200">The subscription (no secret).</response>
    /// <response code="404">This key has no subscription with that id.</response>
    [HttpGet("{id:long}", Name = "getWebhook")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<WebhookResponse>> Get(long id) =>
        await sender.Send(new GetWebhookQuery(Owner, id), HttpContext.RequestAborted) is { } webhook ? WebhookResponse.From(webhook) : NotFound(id);

    /// <summary>Deletes one of this key's subscriptions and what was still to be sent to it.</summary>
    /// <remarks>Messages still queued for it are dropped; an attempt already under way may still arrive.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="204">Deleted.</response>
    /// <response code="404">This key has no subscription with that id.</response>
    [HttpDelete("{id:long}", Name = "deleteWebhook")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> Delete(long id) =>
        await sender.Send(new DeleteWebhookCommand(Owner, id), HttpContext.RequestAborted) ? NoContent() : NotFound(id);

    /// <summary>Sends a webhook.test event to the subscription now.</summary>
    /// <remarks>Signed and retried like any other message; its webhook-id is in the answer.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="202">Queued; its attempts show in /deliveries.</response>
    /// <response code="404">This key has no subscription with that id.</response>
    /// <response code="409">The subscription is disabled (nothing is sent to it until POST /enable), or 1,000 messages already wait for its receiver.</response>
    [HttpPost("{id:long}/test", Name = "testWebhook")]
    [ProducesResponseType<WebhookTestResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<WebhookTestResponse>> Test(long id) =>
        await sender.Send(new TestWebhookCommand(Owner, id), HttpContext.RequestAborted) switch
        {
            null => NotFound(id),
            { Message: { } message } => Accepted(new WebhookTestResponse(message.MessageId)),
            { Disabled: { } reason } => Problems.Result(StatusCodes.Status409Conflict, "The subscription is disabled.", $"Nothing is sent to it ({reason}) until POST /api/lunar/webhooks/{id}/enable."),
            { Backlogged: true } => Problems.Result(StatusCodes.Status409Conflict, "Too many messages wait for this subscription.", $"Its receiver has not taken the {Application.Webhooks.WebhookOptions.MaxWaitingPerSubscription:N0} messages waiting for it; see GET /api/lunar/webhooks/{id}/deliveries."),
            _ => NotFound(id),
        };

    /// <summary>A new signing secret; for 24 h deliveries carry a signature by the old one too.</summary>
    /// <remarks>Standard Webhooks allows several signatures in webhook-signature, so a receiver can switch to the new secret without losing a delivery.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="200">The new secret, shown only here.</response>
    /// <response code="404">This key has no subscription with that id.</response>
    [HttpPost("{id:long}/secret", Name = "rotateWebhookSecret")]
    [ProducesResponseType<WebhookSecretResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<WebhookSecretResponse>> RotateSecret(long id) =>
        await sender.Send(new RotateWebhookSecretCommand(Owner, id), HttpContext.RequestAborted) is { } rotated
            ? new WebhookSecretResponse(rotated.Webhook.Id, rotated.Secret, rotated.PreviousSecretUntil!.Value)
            : NotFound(id);

    /// <summary>Delivers to a disabled subscription again.</summary>
    /// <remarks>A subscription is disabled when its receiver answers 410 Gone, or when every delivery has failed for Webhooks:DisableAfterHours (72 h); GET shows why. Enabling it clears the reason and the failures; the time-based events of the next 48 hours are queued again. Enabling an active subscription changes nothing.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="200">The subscription, active.</response>
    /// <response code="404">This key has no subscription with that id.</response>
    [HttpPost("{id:long}/enable", Name = "enableWebhook")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<WebhookResponse>> Enable(long id) =>
        await sender.Send(new EnableWebhookCommand(Owner, id), HttpContext.RequestAborted) is { } webhook ? WebhookResponse.From(webhook) : NotFound(id);

    /// <summary>The latest delivery attempts to one of this key's subscriptions, newest first.</summary>
    /// <remarks>Each attempt: the event, the message id (the webhook-id header), the attempt's number, the status code or the error, how long it took and when the next try is due.</remarks>
    /// <param name="id" example="7">The subscription's id.</param>
    /// <response code="200">Up to 50 attempts.</response>
    /// <response code="404">This key has no subscription with that id.</response>
    [HttpGet("{id:long}/deliveries", Name = "listWebhookDeliveries")]
    [ProducesResponseType<IReadOnlyList<WebhookDeliveryResponse>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<IReadOnlyList<WebhookDeliveryResponse>>> Deliveries(long id) =>
        await sender.Send(new ListWebhookDeliveriesQuery(Owner, id), HttpContext.RequestAborted) is { } deliveries
            ? deliveries.Select(WebhookDeliveryResponse.From).ToArray()
            : NotFound(id);

    private static ActionResult NotFound(long id) =>
        Problems.Result(StatusCodes.Status404NotFound, "No such webhook.", $"This key has no webhook subscription with id {id}.");
}
