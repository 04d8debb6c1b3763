using System.Net.Http.Json;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// A real HTTP cache, Chromium's, reading the status's Age and max-age: an answer served from the
/// service's own cache 81.5 s after the read (Age: 82) is still fresh for the browser, so reloading
/// the page takes the status from the browser's cache instead of asking the service again.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserCacheTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task A_reload_within_the_answers_freshness_is_served_from_the_browsers_cache()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"Chromium is required at {Chromium} (scripts/test.sh installs Debian's chromium).");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new LunarVocApiFactory(time);
        factory.UseKestrel(LoopbackPorts.Free());
        factory.StartServer();
        using var writer = factory.CreateWriterClient();
        await ApiHost.TruncateAsync();
        var now = time.GetUtcNow();
        using (var posted = await writer.PostAsJsonAsync("/api/lunar/voc", new { start_at = IsoText.Of(now.AddMinutes(10)), end_at = IsoText.Of(now.AddHours(2)), source = "cache-test" }))
        {
            posted.EnsureSuccessStatusCode();
        }

        time.Advance(TimeSpan.FromTicks(1));
        using (var read = await writer.GetAsync("/api/lunar/voc/status"))
        {
            read.EnsureSuccessStatusCode();
        }

        time.Advance(TimeSpan.FromSeconds(81.5));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        var first = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(writer.BaseAddress!.ToString()), IsStatusRead);
        var firstHeaders = await first.AllHeadersAsync();
        var again = await page.RunAndWaitForResponseAsync(() => page.ReloadAsync(), IsStatusRead);
        var againHeaders = await again.AllHeadersAsync();

        Assert.That(firstHeaders["x-cache"], Is.EqualTo("HIT"));
        Assert.That(firstHeaders["age"], Is.EqualTo("82"));
        Assert.That(again.Status, Is.EqualTo(200));
        Assert.That(againHeaders["x-correlation-id"], Is.EqualTo(firstHeaders["x-correlation-id"]), "the same answer, from the browser's cache: the service was not asked again");
    }

    private static bool IsStatusRead(IResponse response) =>
        response.Url.EndsWith("/api/lunar/voc/status", StringComparison.Ordinal) && response.Request.Method == "GET";
}
