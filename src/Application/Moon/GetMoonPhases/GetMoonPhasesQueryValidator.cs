using FluentValidation;
using LunarVoc.Application.Ephemeris;

namespace LunarVoc.Application.Moon.GetMoonPhases;

public sealed class GetMoonPhasesQueryValidator : AbstractValidator<GetMoonPhasesQuery>
{
    public GetMoonPhasesQueryValidator() => Include(new EphemerisRangeValidator());
}
