using FluentValidation;
using LunarVoc.Domain.Astrology;

namespace LunarVoc.Application.Ephemeris.GetEphemerisWindows;

public sealed class GetEphemerisWindowsQueryValidator : AbstractValidator<GetEphemerisWindowsQuery>
{
    public GetEphemerisWindowsQueryValidator()
    {
        RuleFor(q => q.From)
            .GreaterThanOrEqualTo(EphemerisRange.Start)
            .WithMessage("from must not be before 1900-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.");

        RuleFor(q => q.To)
            .GreaterThan(q => q.From).WithMessage("to must be after from.")
            .LessThanOrEqualTo(EphemerisRange.End)
                .WithMessage("to must not be after 2101-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.")
            // A from past the ephemeris is refused by the rules above; checking it here keeps AddYears from overflowing.
            .Must((q, to) => q.From > EphemerisRange.End || to <= q.From.AddYears(GetEphemerisWindowsQuery.MaxYears))
                .WithMessage($"The range from..to may span at most {GetEphemerisWindowsQuery.MaxYears} years.");

        RuleFor(q => q.Planets).IsInEnum().WithMessage("planets must be modern or traditional.");
    }
}
