using System.Collections.Immutable;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.Moon;

/// <summary>A small sky around late November 2026 for the mocked ephemeris: a few phases, two voids, a fixed Moon and Sun.</summary>
internal static class MoonSky
{
    public static readonly MoonAndSun Sky = new(62.5, 1.2, 384_000, 242.3, 147_500_000);

    /// <summary>When the named phase changes next, whatever the instant asked about (the Moon leaves "full").</summary>
    public static readonly DateTimeOffset NameChange = At("2026-11-26T03:00:00Z");

    public static readonly ImmutableArray<LunarPhase> Phases =
    [
        new(MoonPhase.NewMoon, At("2026-10-10T15:50:00Z")),
        new(MoonPhase.NewMoon, At("2026-11-09T07:02:00Z")),
        new(MoonPhase.FirstQuarter, At("2026-11-17T11:48:00Z")),
        new(MoonPhase.FullMoon, At("2026-11-24T14:53:00Z")),
        new(MoonPhase.LastQuarter, At("2026-12-01T06:08:00Z")),
        new(MoonPhase.NewMoon, At("2026-12-09T00:51:00Z")),
        new(MoonPhase.FirstQuarter, At("2026-12-16T21:00:00Z")),
        new(MoonPhase.FullMoon, At("2026-12-24T01:28:00Z")),
        new(MoonPhase.LastQuarter, At("2026-12-30T18:59:00Z")),
        new(MoonPhase.NewMoon, At("2027-01-07T20:24:00Z")),
        new(MoonPhase.FirstQuarter, At("2027-01-15T20:34:00Z")),
        new(MoonPhase.FullMoon, At("2027-01-22T12:17:00Z")),
        new(MoonPhase.LastQuarter, At("2027-01-29T10:55:00Z")),
    ];

    /// <summary>Void in Taurus from the morning of 24 November until the Moon enters Gemini.</summary>
    public static readonly ComputedVocWindow InTaurus =
        new(At("2026-11-24T09:30:00Z"), At("2026-11-24T16:10:37Z"), new VocWindowDetails(ZodiacSign.Taurus, ZodiacSign.Gemini, null));

    /// <summary>The next void, in Gemini until the Moon enters Cancer.</summary>
    public static readonly ComputedVocWindow InGemini =
        new(At("2026-11-26T20:00:00Z"), At("2026-11-27T01:40:00Z"), new VocWindowDetails(ZodiacSign.Gemini, ZodiacSign.Cancer, null));

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ephemeris answers from the lists above: phases and voids overlapping the range asked for.</summary>
    public static void Answer(Mock<IEphemeris> ephemeris, params ComputedVocWindow[] voids)
    {
        ephemeris.Setup(e => e.Phases(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>()))
            .Returns((DateTimeOffset from, DateTimeOffset until) => Phases.Where(p => p.At >= from && p.At < until).ToImmutableArray());
        ephemeris.Setup(e => e.VoidWindows(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), PlanetSet.Modern))
            .Returns((DateTimeOffset from, DateTimeOffset until, PlanetSet _) => voids.Where(w => w.EndAt > from && w.StartAt < until).ToImmutableArray());
        ephemeris.Setup(e => e.MoonAndSunAt(It.IsAny<DateTimeOffset>())).Returns(Sky);
        ephemeris.Setup(e => e.NextPhaseNameChange(It.IsAny<DateTimeOffset>())).Returns(NameChange);
    }
}
