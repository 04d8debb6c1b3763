using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Ephemeris.GetComingWindows;
using LunarVoc.Application.Ephemeris.GetEphemerisYear;
using LunarVoc.Application.Moon.GetMoon;
using LunarVoc.Application.Moon.GetMoonPhases;
using LunarVoc.Application.Moon.GetMoonSky;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetCacheStats;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using LunarVoc.Application.VocWindows.GetVocStatus;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Application.UnitTests.VocWindows.GetCacheStats;

[TestFixture]
public sealed class GetCacheStatsQueryHandlerTests
{
    [Test]
    public async Task Reports_no_data_and_the_configured_ttls_before_anything_is_fetched()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new CachingOptions { StatusTtlSeconds = 120, CurrentTtlSeconds = 60 });
        var handler = new GetCacheStatsQueryHandler(new CacheStatistics(time), new CachedQueries(options));

        var report = await handler.Handle(new GetCacheStatsQuery(), CancellationToken.None);

        Assert.That(report.Keys, Is.EquivalentTo(new[]
        {
            GetVocStatusQuery.CacheName, GetCurrentVocQuery.CacheName, GetEphemerisYearQuery.CacheName, ReadCalendarWindowsQuery.CacheName,
            GetPhasesYearQuery.CacheName, ReadMoonQuery.CacheName, GetMoonTrackMonthQuery.CacheName,
        }), "every cached query, discovered");
        Assert.That(report[ReadMoonQuery.CacheName], Is.EqualTo(new CacheEntryStats(false, null, 120)), "the Moon now, kept two minutes");
        Assert.That(report[GetVocStatusQuery.CacheName], Is.EqualTo(new CacheEntryStats(false, null, 120)));
        Assert.That(report[GetCurrentVocQuery.CacheName], Is.EqualTo(new CacheEntryStats(false, null, 60)));
    }

    [Test]
    public async Task Reports_the_age_of_a_fetched_value()
    {
        var time = new FakeTimeProvider();
        var statistics = new CacheStatistics(time);
        statistics.For(GetVocStatusQuery.CacheName).Fetched(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(45));
        var handler = new GetCacheStatsQueryHandler(statistics, new CachedQueries(Options.Create(new CachingOptions())));

        var report = await handler.Handle(new GetCacheStatsQuery(), CancellationToken.None);

        Assert.That(report[GetVocStatusQuery.CacheName], Is.EqualTo(new CacheEntryStats(true, 45, 120)));
        Assert.That(report[GetCurrentVocQuery.CacheName].HasData, Is.False);
    }
}
