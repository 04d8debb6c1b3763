using System.Collections.Immutable;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.Ephemeris.GetEphemerisWindows;
using LunarVoc.Application.Ephemeris.GetEphemerisYear;
using LunarVoc.Application.VocWindows.GetCacheStats;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Domain.Astrology;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.Ephemeris.GetEphemerisWindows;

[TestFixture]
public sealed class GetEphemerisWindowsQueryHandlerTests
{
    private static readonly DateTimeOffset Start2025 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Distinct_ranges_cost_one_computation_per_calendar_year_and_convention()
    {
        var calculator = new CountingCalculator();
        await using var harness = new PipelineHarness(calculator: calculator);
        var random = new Random(11);

        for (var i = 0; i < 500; i++)
        {
            var from = Start2025.AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(700).Ticks));
            var to = from.AddTicks(1 + (long)(random.NextDouble() * TimeSpan.FromDays(30).Ticks));
            await harness.Sender.Send(new GetEphemerisWindowsQuery(from, to, i % 2 == 0 ? PlanetSet.Modern : PlanetSet.Traditional));
        }

        // 2025..2027 at most, for two conventions: the distinct ranges did not each cost a computation.
        Assert.That(calculator.Ranges, Has.Count.LessThanOrEqualTo(6));
        Assert.That(calculator.Ranges, Is.Unique);
        Assert.That(calculator.Ranges.Select(r => (r.From.Month, r.From.Day, r.From.TimeOfDay)), Is.All.EqualTo((1, 1, TimeSpan.Zero)));
    }

    [Test]
    public async Task Writes_to_the_stored_windows_do_not_make_the_computed_years_compute_again()
    {
        var calculator = new CountingCalculator();
        await using var harness = new PipelineHarness(calculator: calculator);
        await harness.Sender.Send(new GetEphemerisWindowsQuery(Start2025, Start2025.AddDays(30), PlanetSet.Modern));

        for (var write = 0; write < 20; write++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await harness.Sender.Send(new LunarVoc.Application.VocWindows.InvalidateCaches.InvalidateVocCachesCommand());
            await harness.Sender.Send(new GetEphemerisWindowsQuery(Start2025, Start2025.AddDays(30), PlanetSet.Modern));
        }

        Assert.That(calculator.Ranges, Has.Count.EqualTo(1), "the years are not tagged with the stored windows");
    }

    [Test]
    public async Task A_window_crossing_new_year_is_answered_once()
    {
        var crossing = Window(new DateTimeOffset(2025, 12, 31, 20, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 4, 0, 0, TimeSpan.Zero));
        await using var harness = new PipelineHarness(calculator: new CountingCalculator(crossing));

        var windows = await harness.Sender.Send(
            new GetEphemerisWindowsQuery(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), PlanetSet.Modern));
        var onlyNewYear = await harness.Sender.Send(
            new GetEphemerisWindowsQuery(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), PlanetSet.Modern));

        Assert.That(windows, Is.EqualTo(new[] { crossing }));
        Assert.That(onlyNewYear, Is.EqualTo(new[] { crossing }));
    }

    [Test]
    public async Task The_ephemeris_answers_while_the_store_fails_and_its_years_show_in_the_cache_statistics()
    {
        var calculator = new CountingCalculator();
        await using var harness = new PipelineHarness(calculator: calculator);
        harness.Repository
            .Setup(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(PipelineHarness.Transient());
        Assert.That(
            async () => await harness.SendAdvancing(() => harness.Sender.Send(new GetVocStatusQuery())),
            Throws.TypeOf<DataSourceUnavailableException>());

        // The store's outage throttle is open now; a computation is not a store read and is not held back by it.
        await harness.Sender.Send(new GetEphemerisWindowsQuery(Start2025, Start2025.AddDays(3), PlanetSet.Modern));
        await harness.Sender.Send(new GetEphemerisWindowsQuery(Start2025.AddDays(5), Start2025.AddDays(9), PlanetSet.Modern));

        var stats = await harness.Sender.Send(new GetCacheStatsQuery());
        Assert.That(calculator.Ranges, Has.Count.EqualTo(1));
        Assert.That(stats[GetEphemerisYearQuery.CacheName].Misses, Is.EqualTo(1));
        Assert.That(stats[GetEphemerisYearQuery.CacheName].Hits, Is.EqualTo(1));
    }

    private static ComputedVocWindow Window(DateTimeOffset start, DateTimeOffset end) =>
        new(start, end, new VocWindowDetails(ZodiacSign.Capricorn, ZodiacSign.Aquarius, null));

    /// <summary>Records every range it is asked for; answers with the given windows that overlap it.</summary>
    private sealed class CountingCalculator(params ComputedVocWindow[] windows) : IEphemeris
    {
        public List<(DateTimeOffset From, DateTimeOffset Until, PlanetSet Planets)> Ranges { get; } = [];

        public ImmutableArray<ComputedVocWindow> VoidWindows(DateTimeOffset from, DateTimeOffset until, PlanetSet planets)
        {
            lock (Ranges)
            {
                Ranges.Add((from, until, planets));
            }

            return [.. windows.Where(w => w.EndAt > from && w.StartAt < until)];
        }

        public MoonAndSun MoonAndSunAt(DateTimeOffset instant) => throw new NotSupportedException();

        public Domain.Sky.MoonTrack MoonTrack(DateTimeOffset from, DateTimeOffset until) => throw new NotSupportedException();

        public ImmutableArray<LunarPhase> Phases(DateTimeOffset from, DateTimeOffset until) => throw new NotSupportedException();

        public MoonIngress NextIngress(DateTimeOffset after) => throw new NotSupportedException();

        public DateTimeOffset NextPhaseNameChange(DateTimeOffset after) => throw new NotSupportedException();
    }
}
