namespace LunarVoc.Domain.Astrology;

/// <summary>The twelve tropical signs, 30° each from the vernal equinox.</summary>
public enum ZodiacSign
{
    Aries,
    Taurus,
    Gemini,
    Cancer,
    Leo,
    Virgo,
    Libra,
    Scorpio,
    Sagittarius,
    Capricorn,
    Aquarius,
    Pisces,
}

public static class ZodiacSigns
{
    /// <summary>The sign holding an ecliptic longitude in degrees.</summary>
    public static ZodiacSign Of(double longitudeDegrees) =>
        (ZodiacSign)((int)Math.Floor(((longitudeDegrees % 360) + 360) % 360 / 30) % 12);

    public static ZodiacSign Next(this ZodiacSign sign) => (ZodiacSign)(((int)sign + 1) % 12);
}
