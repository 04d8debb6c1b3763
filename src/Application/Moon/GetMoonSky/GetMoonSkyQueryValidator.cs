using FluentValidation;

namespace LunarVoc.Application.Moon.GetMoonSky;

public sealed class GetMoonSkyQueryValidator : AbstractValidator<GetMoonSkyQuery>
{
    private static readonly DateOnly FirstDay = DateOnly.FromDateTime(EphemerisRange.Start.UtcDateTime);
    private static readonly DateOnly LastDay = DateOnly.FromDateTime(EphemerisRange.End.UtcDateTime).AddDays(-1);

    public GetMoonSkyQueryValidator()
    {
        RuleFor(q => q.Place.Latitude).InclusiveBetween(-90, 90)
            .OverridePropertyName("lat").WithMessage("lat must be a latitude in degrees, from -90 to 90.");
        RuleFor(q => q.Place.Longitude).InclusiveBetween(-180, 180)
            .OverridePropertyName("lon").WithMessage("lon must be a longitude in degrees east, from -180 to 180.");
        RuleFor(q => q.Place.ElevationMetres).InclusiveBetween(Place.MinElevationMetres, Place.MaxElevationMetres)
            .OverridePropertyName("elevation").WithMessage($"elevation must be metres above sea level, from {Place.MinElevationMetres} to {Place.MaxElevationMetres}.");
        RuleFor(q => q.Date).Must(day => day is null || (day >= FirstDay && day <= LastDay))
            .OverridePropertyName("date").WithMessage("The days asked for must lie in 1900 to 2100.");
        RuleFor(q => q.Date).Must((q, day) => day is null || (q.From is null && q.To is null))
            .OverridePropertyName("date").WithMessage("Ask for one day with date, or for several with from..to, not both.");
        RuleFor(q => q.From).Must(day => day is null || (day >= FirstDay && day <= LastDay))
            .OverridePropertyName("from").WithMessage("The days asked for must lie in 1900 to 2100.");
        RuleFor(q => q.To).Must(day => day is null || (day >= FirstDay && day <= LastDay))
            .OverridePropertyName("to").WithMessage("The days asked for must lie in 1900 to 2100.");
        RuleFor(q => q.To).Must((q, to) => to is null || q.From is not null)
            .OverridePropertyName("to").WithMessage("to needs from: ask for one day with date, or for from..to.");
        RuleFor(q => q.To).Must((q, to) => to is null || q.From is null || to >= q.From)
            .OverridePropertyName("to").WithMessage("to must not be before from.");
        RuleFor(q => q.To).Must((q, to) => to is null || q.From is null || to.Value.DayNumber - q.From.Value.DayNumber < GetMoonSkyQuery.MaxDays)
            .OverridePropertyName("to").WithMessage($"from..to may span at most {GetMoonSkyQuery.MaxDays} days.");
    }
}
