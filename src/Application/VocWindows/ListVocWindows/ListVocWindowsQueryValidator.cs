using FluentValidation;

namespace LunarVoc.Application.VocWindows.ListVocWindows;

public sealed class ListVocWindowsQueryValidator : AbstractValidator<ListVocWindowsQuery>
{
    public ListVocWindowsQueryValidator()
    {
        RuleFor(q => q.To)
            .GreaterThan(q => q.From).WithMessage("to must be after from.")
            .Must((q, to) => to - q.From <= ListVocWindowsQuery.MaxRange)
                .WithMessage("The range from..to may span at most 10 years.");

        RuleFor(q => q.Limit)
            .InclusiveBetween(1, ListVocWindowsQuery.MaxLimit)
            .WithMessage($"limit must be between 1 and {ListVocWindowsQuery.MaxLimit}.");
    }
}
