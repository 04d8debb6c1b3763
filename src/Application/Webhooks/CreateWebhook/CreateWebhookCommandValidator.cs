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
            .Must(url => !url.Any(IsInvisible))
                .WithMessage("url must not contain spaces, control or invisible characters (CR, LF, tab, zero-width…); percent-encode them.")
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0
                && string.IsNullOrEmpty(uri.UserInfo) && !HasUserInformation(url))
                .WithMessage("url must be an absolute http or https URL with a valid host and port, without user information.")
            .CustomAsync(async (url, context, cancellationToken) =>
            {
                if (await targets.RefusalAsync(new Uri(url), cancellationToken) is { } reason)
                {
                    context.AddFailure($"url cannot be delivered to: {reason}.");
                }
            });
        RuleFor(command => command.Events)
            .NotEmpty()
            .Must(events => events.Count <= MaxEvents).WithMessage($"events may list at most {MaxEvents} names.");
        RuleForEach(command => command.Events)
            .Must(WebhookEvents.IsSubscribable)
            .WithMessage($"events may only name {string.Join(", ", WebhookEvents.Subscribable)}.");
        RuleFor(command => command.LeadMinutes)
            .InclusiveBetween(WebhookEvents.MinLeadMinutes, WebhookEvents.MaxLeadMinutes);
    }

    /// <summary>
    /// Whether the authority holds an '@', even with nothing before it ("http://@host/", whose parsed user
    /// information is empty). A backslash counts as a slash, as URL parsers read it in http URLs.
    /// </summary>
    private static bool HasUserInformation(string url)
    {
        var afterScheme = url[(url.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace('\\', '/').TrimStart('/');
        var end = afterScheme.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? afterScheme : afterScheme[..end]).Contains('@');
    }

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.Surrogate;
}
