namespace LunarVoc.Infrastructure.Persistence;

/// <summary>A voc_windows row as Dapper reads it; enums are stored by name.</summary>
internal sealed class WindowRow
{
    public long Id { get; init; }

    public DateTime StartAt { get; init; }

    public DateTime EndAt { get; init; }

    public string Source { get; init; } = string.Empty;

    public string? Sign { get; init; }

    public string? NextSign { get; init; }

    public string? LastAspectPlanet { get; init; }

    public string? LastAspect { get; init; }

    public bool Created { get; init; }

    public VocWindow ToWindow() => new(Id, Utc.Of(StartAt), Utc.Of(EndAt), Source, Details());

    private VocWindowDetails? Details()
    {
        if (Sign is null || NextSign is null)
        {
            return null;
        }

        var lastAspect = LastAspectPlanet is null || LastAspect is null
            ? null
            : new Domain.Astrology.LastAspect(Enum.Parse<Planet>(LastAspectPlanet), Enum.Parse<Aspect>(LastAspect));
        return new VocWindowDetails(Enum.Parse<ZodiacSign>(Sign), Enum.Parse<ZodiacSign>(NextSign), lastAspect);
    }
}

/// <summary>The parameters that write a computed window and its details.</summary>
internal sealed record DetailsRow(
    long Id, DateTimeOffset StartAt, DateTimeOffset EndAt, string Source,
    string Sign, string NextSign, string? LastAspectPlanet, string? LastAspect)
{
    public DetailsRow(ComputedVocWindow window)
        : this(
            0,
            window.StartAt.ToUniversalTime(),
            window.EndAt.ToUniversalTime(),
            ComputedVocWindow.Source,
            window.Details.Sign.ToString(),
            window.Details.NextSign.ToString(),
            window.Details.LastAspect?.Planet.ToString(),
            window.Details.LastAspect?.Aspect.ToString())
    {
    }
}
