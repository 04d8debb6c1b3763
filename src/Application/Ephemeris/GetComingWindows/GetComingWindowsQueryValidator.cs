using FluentValidation;

namespace LunarVoc.Application.Ephemeris.GetComingWindows;

public sealed class GetComingWindowsQueryValidator : AbstractValidator<GetComingWindowsQuery>
{
    public GetComingWindowsQueryValidator()
    {
        RuleFor(q => q.Days)
            .InclusiveBetween(1, GetComingWindowsQuery.MaxDays)
            .WithMessage($"days must be between 1 and {GetComingWindowsQuery.MaxDays}.");

        RuleFor(q => q.Planets).IsInEnum().WithMessage("planets must be modern or traditional.");
    }
}
