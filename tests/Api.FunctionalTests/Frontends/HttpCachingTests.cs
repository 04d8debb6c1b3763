using System.Net;
using System.Net.Http.Headers;
using LunarVoc.Api.FunctionalTests.VocWindows;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// ETag, Cache-Control that never reaches past the next window boundary, 304, and Age with max-age read
/// as an RFC 9111 cache reads them: the freshness left is max-age minus Age.
/// </summary>
[TestFixture]
public sealed class HttpCachingTests : VocEndpointTestBase
{
    [Test]
    public async Task Status_may_be_cached_only_until_the_next_boundary()
    {
        using var _ = await PostWindow(Noon.AddSeconds(40), Noon.AddHours(3));

        using var response = await Client.GetAsync("/api/lunar/voc/status");

        Assert.That(response.Headers.ETag, Is.Not.Null);
        Assert.That(response.Headers.CacheControl!.Public, Is.True);
        Assert.That(response.Headers.CacheControl.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(39)), "the window starts in 40 s (the clock moved 1 tick after the post)");
    }

    [Test]
    public async Task Without_a_boundary_soon_the_cache_lifetime_bounds_max_age()
    {
        using var _ = await PostWindow(Noon.AddHours(10), Noon.AddHours(12));

        using var status = await Client.GetAsync("/api/lunar/voc/status");
        using var current = await Client.GetAsync("/api/lunar/voc/current");

        Assert.That(status.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(120)), "a fresh answer: the whole TTL");
        Assert.That(current.Headers.CacheControl!.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [TestCase("/api/lunar/voc/status")]
    [TestCase("/api/lunar/voc/current")]
    [TestCase("/api/lunar/voc/1")]
    [TestCase("/api/lunar/voc/windows?from=2026-11-24&to=2026-11-26")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-11-24&to=2026-11-26")]
    [TestCase("/api/lunar/voc/cache_stats")]
    public async Task Every_read_has_an_etag_and_if_none_match_gets_304_without_a_body(string path)
    {
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));
        using var first = await Client.GetAsync(path);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Headers.CacheControl, Is.Not.Null);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Client.SendAsync(request);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task A_changed_answer_has_a_new_etag()
    {
        using var before = await Client.GetAsync("/api/lunar/voc/status");
        using var _ = await PostWindow(Noon.AddHours(1), Noon.AddHours(2));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/lunar/voc/status");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await Client.SendAsync(request);

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
    }

    [TestCase(600, 120, Description = "no boundary within the TTL: the server's own expiry bounds it")]
    [TestCase(100, 100, Description = "the next window starts before the TTL ends: the boundary bounds it")]
    public async Task A_cache_reading_age_and_max_age_keeps_the_status_until_the_next_boundary_or_the_expiry(int windowStartsInSeconds, int holdsForSeconds)
    {
        using var _ = await PostWindow(Noon.AddSeconds(windowStartsInSeconds), Noon.AddHours(3));
        using var first = await Client.GetAsync("/api/lunar/voc/status");
        var read = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(81.5));

        using var later = await Client.GetAsync("/api/lunar/voc/status");

        Assert.That(later.Headers.GetValues("X-Cache").Single(), Is.EqualTo("HIT"));
        var left = FreshnessLeft(later);
        var meant = read.AddSeconds(Math.Min(holdsForSeconds, windowStartsInSeconds)) - Time.GetUtcNow();
        Assert.That(left, Is.GreaterThan(TimeSpan.Zero), "not stale on arrival");
        Assert.That(left, Is.LessThanOrEqualTo(meant), "never past the boundary or the server's expiry");
        Assert.That(left, Is.GreaterThan(meant - TimeSpan.FromSeconds(2)), "usable until (about) then, not only in the first part of the lifetime");
    }

    /// <summary>RFC 9111 §4.2: freshness lifetime (max-age) minus the current age (here Age: the response arrives at once).</summary>
    private static TimeSpan FreshnessLeft(HttpResponseMessage response) =>
        response.Headers.CacheControl!.MaxAge!.Value - (response.Headers.Age ?? TimeSpan.Zero);
}
