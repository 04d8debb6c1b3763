using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Ephemeris;

/// <summary>A fresh install answers from computed windows: the pre-fetch at start-up stores them.</summary>
[TestFixture]
public sealed class PrefetchTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task At_start_up_the_coming_months_are_computed_stored_and_served_by_status()
    {
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_prefetch");
        var time = new FakeTimeProvider(Noon);
        await using var factory = new LunarVocApiFactory(time, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Prefetch:Enabled"] = "true",
            ["Prefetch:DaysAhead"] = "30",
        });
        using var client = factory.CreateClient();

        var expected = new BuiltInEphemeris().VoidWindows(Noon.AddDays(-2), Noon.AddDays(30), PlanetSet.Modern);
        await WaitForRows(database, expected.Length);
        using var response = await client.GetAsync("/api/lunar/voc/status");
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var next = expected.First(window => window.StartAt > Noon);
        var current = expected.FirstOrDefault(window => window.StartAt <= Noon && Noon < window.EndAt);
        Assert.That(status["is_voc"]!.GetValue<bool>(), Is.EqualTo(current is not null));
        Assert.That(status["next"]!["source"]!.GetValue<string>(), Is.EqualTo("ephemeris"));
        Assert.That(DateTimeOffset.Parse(status["next"]!["start_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(next.StartAt));
        Assert.That(status["next"]!["sign"]!.GetValue<string>(), Is.EqualTo(next.Details.Sign.ToString()));
    }

    /// <summary>Waits (in real time, bounded) for the background run's database writes, not for time to pass.</summary>
    private static async Task WaitForRows(string database, int expected)
    {
        for (var attempt = 0; attempt < 600 && await VocWindowTable.CountRowsAsync(database) < expected; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.That(await VocWindowTable.CountRowsAsync(database), Is.EqualTo(expected));
    }
}
