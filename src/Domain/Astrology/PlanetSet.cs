namespace LunarVoc.Domain.Astrology;

/// <summary>Which planets end a void: the convention of most published calendars, or the classical seven.</summary>
public enum PlanetSet
{
    /// <summary>Sun to Pluto.</summary>
    Modern,

    /// <summary>Sun to Saturn.</summary>
    Traditional,
}

public static class PlanetSets
{
    private static readonly Planet[] Modern = Enum.GetValues<Planet>();
    private static readonly Planet[] Traditional = [.. Modern.Where(planet => planet <= Planet.Saturn)];

    public static IReadOnlyList<Planet> Planets(this PlanetSet set) => set == PlanetSet.Traditional ? Traditional : Modern;
}
