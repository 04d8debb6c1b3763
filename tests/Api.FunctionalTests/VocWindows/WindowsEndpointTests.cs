using System.Net;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class WindowsEndpointTests : VocEndpointTestBase
{
    [Test]
    public async Task Lists_the_stored_windows_of_a_range_a_page_at_a_time()
    {
        for (var day = 0; day < 5; day++)
        {
            using var _ = await PostWindow(Noon.AddDays(day), Noon.AddDays(day).AddHours(3), $"day-{day}");
        }

        var first = await GetJson($"/api/lunar/voc/windows?from={Iso(Noon.AddHours(1))}&to={Iso(Noon.AddDays(4))}&limit=2");
        var second = await GetJson(Text(first["next"])!);

        Assert.That(first["windows"]!.AsArray().Select(w => Text(w!["source"])), Is.EqualTo(new[] { "day-0", "day-1" }));
        Assert.That(second["windows"]!.AsArray().Select(w => Text(w!["source"])), Is.EqualTo(new[] { "day-2", "day-3" }));
        Assert.That(second["next"], Is.Null);
        Assert.That(first["windows"]![0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "id", "start_at", "end_at", "source", "sign", "next_sign", "last_aspect",
        }));
    }

    [TestCase("to=2026-12-01", "from")]
    [TestCase("from=2026-12-01&to=2026-11-01", "to")]
    [TestCase("from=2020-01-01&to=2031-01-01", "to")]
    [TestCase("from=2026-11-01&to=2026-12-01&limit=0", "limit")]
    [TestCase("from=2026-11-01&to=2026-12-01&limit=501", "limit")]
    [TestCase("from=2026-11-01&to=2026-12-01&limit=many", "limit")]
    [TestCase("from=2026-11-01&to=2026-12-01&after=soon", "after")]
    public Task A_bad_query_is_a_400_naming_the_parameter(string query, string field) =>
        AssertBadRequestNaming($"/api/lunar/voc/windows?{query}", field);
}
