using FluentValidation;

namespace LunarVoc.Application.Ephemeris.GetEphemerisWindows;

public sealed class GetEphemerisWindowsQueryValidator : AbstractValidator<GetEphemerisWindowsQuery>
{
    public GetEphemerisWindowsQueryValidator()
    {
        Include(new EphemerisRangeValidator());
        RuleFor(q => q.Planets).IsInEnum().WithMessage("planets must be modern or traditional.");
    }
}
