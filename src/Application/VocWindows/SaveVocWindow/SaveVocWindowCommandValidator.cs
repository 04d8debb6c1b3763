using FluentValidation;

namespace LunarVoc.Application.VocWindows.SaveVocWindow;

public sealed class SaveVocWindowCommandValidator : AbstractValidator<SaveVocWindowCommand>
{
    public SaveVocWindowCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.StartAt)
            .Must(VocWindowBounds.IsWithinSupportedYears)
            .WithMessage("start_at must lie in the years 1900 to 2100.");

        RuleFor(c => c.EndAt)
            .Must(VocWindowBounds.IsWithinSupportedYears)
                .WithMessage("end_at must lie in the years 1900 to 2100.")
            .Must((command, endAt) => VocWindowBounds.IsValidRange(command.StartAt, endAt))
                .WithMessage("end_at must be after start_at.")
            .Must((command, endAt) => VocWindowBounds.IsWithinMaxDuration(command.StartAt, endAt))
                .WithMessage("A window may last at most 4 days (the longest void of course is about 2.2 days).");

        RuleFor(c => c.Source)
            .NotEmpty().WithMessage("source must not be empty.")
            .MaximumLength(VocWindowBounds.MaxSourceLength)
                .WithMessage($"source must be at most {VocWindowBounds.MaxSourceLength} characters.")
            .Matches(VocWindowBounds.SourcePattern)
                .WithMessage("source may contain only letters, digits, '-', '_' and '.'.");
    }
}
