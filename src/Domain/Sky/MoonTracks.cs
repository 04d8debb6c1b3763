namespace LunarVoc.Domain.Sky;

/// <summary>Consecutive tracks of the Moon (a month each, overlapping at their ends), read as one.</summary>
public sealed class MoonTracks(IReadOnlyList<MoonTrack> tracks)
{
    public GeocentricMoon At(double unixSeconds)
    {
        foreach (var track in tracks)
        {
            if (track.Covers(unixSeconds))
            {
                return track.At(unixSeconds);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(unixSeconds), "No track of the Moon covers this instant.");
    }
}
