namespace LunarVoc.Domain.Astrology;

/// <summary>The bodies the Moon can aspect, in their traditional order (the Sun counts as one).</summary>
public enum Planet
{
    Sun,
    Mercury,
    Venus,
    Mars,
    Jupiter,
    Saturn,
    Uranus,
    Neptune,
    Pluto,
}
