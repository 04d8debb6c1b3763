namespace LunarVoc.Domain.Sky;

/// <summary>Consecutive tracks of the Moon (a month each, overlapping at their ends), read as one.</summary>
public sealed class MoonTracks(IReadOnlyList<MoonTrack> tracks)
{
    private MoonTrack _last = tracks[0];

    public GeocentricMoon At(double unixSeconds)
    {
        // Reads come in order: the track that answered the last one almost always answers this one.
        var last = _last;
        if (last.Covers(unixSeconds))
        {
            return last.At(unixSeconds);
        }

        foreach (var track in tracks)
        {
            if (track.Covers(unixSeconds))
            {
                _last = track;
                return track.At(unixSeconds);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(unixSeconds), "No track of the Moon covers this instant.");
    }
}
