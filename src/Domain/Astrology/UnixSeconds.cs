namespace LunarVoc.Domain.Astrology;

/// <summary>Instants as the ephemeris reads them (seconds since 1970-01-01T00:00:00Z) and as the service publishes them (to the second).</summary>
public static class UnixSeconds
{
    public static double Of(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The instant to the nearest second, as every instant the service publishes.</summary>
    public static DateTimeOffset ToInstant(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Round(unixSeconds, MidpointRounding.AwayFromZero));
}
