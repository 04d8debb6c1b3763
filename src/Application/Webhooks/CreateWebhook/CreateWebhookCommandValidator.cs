using FluentValidation;
using LunarVoc.Domain.Webhooks;

namespace LunarVoc.Application.Webhooks.CreateWebhook;

public sealed class CreateWebhookCommandValidator : AbstractValidator<CreateWebhookCommand>
{
    public const int MaxUrlLength = 2_048;
    public const int MaxEvents = 16;

    public CreateWebhookCommandValidator(IWebhookTargetCheck targets)
    {
        // The first failure of a field is enough: an unusable URL is not also resolved.
        RuleFor(command => command.Url)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(MaxUrlLength)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
                .WithMessage("url must be an absolute http or https URL, without user information.")
            .MustAsync(async (url, cancellationToken) => await targets.RefusalAsync(new Uri(url), cancellationToken) is null)
                .When(command => Uri.TryCreate(command.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && command.Url.Length <= MaxUrlLength, ApplyConditionTo.CurrentValidator)
                .WithMessage("url must reach a public address: loopback, private, link-local, multicast and unspecified addresses are refused.");
        RuleFor(command => command.Events)
            .NotEmpty()
            .Must(events => events.Count <= MaxEvents).WithMessage($"events may list at most {MaxEvents} names.");
        RuleForEach(command => command.Events)
            .Must(WebhookEvents.IsSubscribable)
            .WithMessage($"events may only name {string.Join(", ", WebhookEvents.Subscribable)}.");
        RuleFor(command => command.LeadMinutes)
            .InclusiveBetween(WebhookEvents.MinLeadMinutes, WebhookEvents.MaxLeadMinutes);
    }
}
