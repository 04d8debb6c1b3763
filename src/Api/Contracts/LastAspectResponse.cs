using LunarVoc.Domain.Astrology;
using LunarVoc.Api.Swagger;

namespace LunarVoc.Api.Contracts;

/// <summary>The Moon's last exact major aspect in its sign.</summary>
/// <param name="Planet" example="Saturn">Sun, Mercury, Venus, Mars, Jupiter, Saturn, Uranus, Neptune or Pluto.</param>
/// <param name="Aspect" example="trine">conjunction, sextile, square, trine or opposition.</param>
public sealed record LastAspectResponse(
    [property: WireNames(typeof(Planet))] string Planet,
    [property: WireNames(typeof(Aspect), WireCase.Lower)] string Aspect)
{
    public static LastAspectResponse? From(LastAspect? aspect) =>
        aspect is null ? null : new(aspect.Planet.ToString(), aspect.Aspect.ToString().ToLowerInvariant());
}
