using FluentValidation;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Application.VocWindows.SaveVocWindow;

public sealed class SaveVocWindowCommandValidator : AbstractValidator<SaveVocWindowCommand>
{
    public SaveVocWindowCommandValidator()
    {
        RuleFor(c => c.EndAt)
            .Must((command, endAt) => VocWindowBounds.IsValidRange(command.StartAt, endAt))
            .WithMessage("end_at must be after start_at.");

        RuleFor(c => c.Source)
            .NotEmpty().WithMessage("source must not be empty.")
            .MaximumLength(VocWindowBounds.MaxSourceLength)
                .WithMessage($"source must be at most {VocWindowBounds.MaxSourceLength} characters.")
            .Matches(VocWindowBounds.SourcePattern)
                .WithMessage("source may contain only letters, digits, '-', '_' and '.'.");
    }
}
