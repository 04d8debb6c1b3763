using LunarVoc.Api.Contracts;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LunarVoc.Api.Swagger;

/// <summary>
/// The events LunarVoc POSTs to subscribers, as OpenAPI 3.1's webhooks: each with its body and the
/// Standard Webhooks headers that sign it, and what the receiver's answer means.
/// </summary>
internal sealed class WebhooksDocumentFilter : IDocumentFilter
{
    private static readonly (string Name, string Summary, Type Body)[] Events =
    [
        ("voc.upcoming", "A void of course starts in lead_minutes.", typeof(VocWindowEvent)),
        ("voc.started", "A void of course has started.", typeof(VocWindowEvent)),
        ("voc.ended", "A void of course has ended: the Moon entered the next sign.", typeof(VocWindowEvent)),
        ("moon.ingress", "The Moon enters a sign.", typeof(MoonIngressEvent)),
        ("moon.phase", "A principal phase of the Moon: new, first quarter, full or last quarter.", typeof(MoonPhaseEvent)),
        ("windows.changed", "The stored windows changed: created, updated or removed by a save, the pre-fetch or a provider.", typeof(WindowsChangedEvent)),
        ("webhook.test", "A test, sent when POST /api/lunar/webhooks/{id}/test asks for it.", typeof(WebhookTestEvent)),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (name, summary, body) in Events)
        {
            var operation = new OpenApiOperation
            {
                OperationId = "on" + string.Concat(name.Split('.', '_').Select(part => char.ToUpperInvariant(part[0]) + part[1..])),
                Summary = summary,
                Description = "Signed per Standard Webhooks: verify webhook-signature (v1, HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\" with the subscription's secret; several signatures, space-separated, during a secret rotation) and drop a webhook-id already seen: a message may come more than once.",
                Security = [], // the receiver checks the signature; LunarVoc sends no credentials
                Parameters =
                [
                    Header("webhook-id", "The message's id, the same on every attempt."),
                    Header("webhook-timestamp", "When this attempt was sent, in Unix seconds."),
                    Header("webhook-signature", "v1,<base64 signature>, space-separated when there are several."),
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(body, context.SchemaRepository) } },
                },
                Responses = new OpenApiResponses
                {
                    ["2XX"] = new OpenApiResponse { Description = "Received: not sent again." },
                    ["410"] = new OpenApiResponse { Description = "Gone: the subscription is disabled at once." },
                    ["default"] = new OpenApiResponse { Description = "Anything else, or no answer within 10 s: sent again later with the same webhook-id (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)." },
                },
            };
            document.Webhooks[name] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
