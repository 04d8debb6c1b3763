namespace LunarVoc.Domain.Sky;

/// <summary>Which point of the Moon's disc is on the horizon when it rises or sets.</summary>
public enum Limb
{
    /// <summary>The top of the disc, as almanacs and the reference services count it.</summary>
    Upper,

    /// <summary>The centre of the disc.</summary>
    Center,
}

/// <summary>Whether the atmosphere lifts the Moon at the horizon.</summary>
public enum Refraction
{
    /// <summary>Standard refraction at the horizon, 34′.</summary>
    Standard,

    /// <summary>No atmosphere: the geometric horizon.</summary>
    None,
}

/// <summary>
/// When the Moon counts as on the horizon. The reference convention (USNO, timeanddate, the Swiss
/// Ephemeris' default): the upper limb touches the horizon with standard refraction, that is the
/// topocentric geometric altitude of the centre is −(34′ + the Moon's semidiameter).
/// </summary>
public readonly record struct Horizon(Limb Limb, Refraction Refraction)
{
    public const double StandardRefractionDegrees = 34.0 / 60;

    public static readonly Horizon Reference = new(Limb.Upper, Refraction.Standard);

    /// <summary>The geometric altitude of the Moon's centre, in degrees, at which it rises or sets.</summary>
    public double CentreAltitude(double semidiameterDegrees) =>
        -((Refraction == Refraction.Standard ? StandardRefractionDegrees : 0) + (Limb == Limb.Upper ? semidiameterDegrees : 0));

    /// <summary>How far, in degrees, the Moon seen as <paramref name="sky"/> is above this horizon (negative: below it).</summary>
    public double Clearance(Topocentric sky) => sky.Altitude - CentreAltitude(sky.Semidiameter);
}
