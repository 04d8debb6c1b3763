using FluentValidation;

namespace LunarVoc.Application.Moon.GetMoon;

public sealed class GetMoonQueryValidator : AbstractValidator<GetMoonQuery>
{
    public GetMoonQueryValidator() =>
        RuleFor(q => q.At)
            .Must(at => at is not { } instant || (instant >= EphemerisRange.Start && instant < EphemerisRange.End))
            .WithMessage("at must lie in 1900-01-01T00:00:00Z to 2100-12-31T23:59:59Z: the ephemeris covers 1900 to 2100.");
}
