using System.Net.Http.Json;
using System.Text.Json;
using LunarVoc.Api.FunctionalTests.Process;
using LunarVoc.TestSupport;
using Microsoft.Playwright;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// The status page in headless Chromium against the real service: what a visitor sees before and
/// after a boundary (the browser's clock is moved, the page is not reloaded), the stale marker, and
/// the message when the API cannot be reached. Screenshots go to the test output.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StatusPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private ApiProcess _api = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"Chromium is required at {Chromium} (scripts/test.sh installs Debian's chromium).");
        }

        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_page");
        _api = await ApiProcess.StartAsync(database, LoopbackPorts.Free());
        using (var client = _api.CreateClient())
        {
            // Creates the table (migrations run at start-up), then the windows the page will show.
            using var _ = await client.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
        }

        await VocWindowTable.InsertAsync(database, Now.AddSeconds(90), Now.AddHours(2), "seeded");
        await VocWindowTable.InsertAsync(database, Now.AddHours(20), Now.AddHours(23), "seeded-later");
        using (var client = _api.CreateClient(writer: true))
        {
            using var _ = await client.PostAsync(new Uri("/api/lunar/voc/cache/invalidate", UriKind.Relative), null);
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task The_page_counts_down_and_flips_to_void_on_time_without_reloading()
    {
        var page = await NewPage("Europe/Paris");
        // The page's clock stands at Now while the countdown is read (a slow machine does not move it), then runs on.
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = Now.AddSeconds(-5).UtcDateTime });
        await page.Clock.PauseAtAsync(Now.UtcDateTime);
        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("state")).ToHaveTextAsync("The Moon is not void of course");
        await Expect(page.GetByTestId("countdown-label")).ToHaveTextAsync("The next void starts");
        var countdownBefore = await page.GetByTestId("countdown").TextContentAsync();
        await Screenshot(page, "status-page-before");

        await page.Clock.RunForAsync(91_000);

        await Expect(page.GetByTestId("state")).ToHaveTextAsync("The Moon is void of course");
        await Expect(page.GetByTestId("span")).ToContainTextAsync("Since");
        await Expect(page.GetByTestId("zone")).ToHaveTextAsync("Europe/Paris");
        await Expect(page.GetByTestId("timeline").Locator(".window")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("next-void")).ToContainTextAsync("The next void after this one");
        await Screenshot(page, "status-page-after");
        Assert.That(countdownBefore, Does.Match(@"^in 1\u00a0min 3\d\u00a0s$"), "about 90 s to the start of the void, said as a span, not a clock time");
    }

    [Test]
    public async Task A_stale_answer_is_marked_as_such()
    {
        var page = await NewPage("UTC");
        await RefuseStream(page);
        await page.RouteAsync("**/api/lunar/voc/status", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(await response.TextAsync())!;
            body["stale"] = true;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = JsonSerializer.Serialize(body) });
        });

        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("stale")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stale")).ToContainTextAsync("last good answer");
    }

    [Test]
    public async Task An_unreachable_api_gives_a_clear_message()
    {
        var page = await NewPage("UTC");
        await RefuseStream(page);
        await page.RouteAsync("**/api/lunar/voc/status", route => route.AbortAsync());

        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("unreachable")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("cannot be reached");
        await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("Trying again in 30 seconds");
        await Expect(page.GetByTestId("state")).ToBeHiddenAsync();
        await Screenshot(page, "status-page-unreachable");
    }

    [Test]
    public async Task A_refusal_says_what_happened_and_waits_as_long_as_the_service_asks()
    {
        var page = await NewPage("UTC");
        await RefuseStream(page);
        await page.RouteAsync("**/api/lunar/voc/status", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "42", ["Content-Type"] = "application/problem+json" },
            Body = "{\"title\":\"Too many requests.\",\"status\":429}",
        }));

        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("Too many requests");
        await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("Trying again in 42 seconds");
    }

    [TestCase(900, 700, "en-GB", "The Moon is not void of course", @"Next void: \w{3} \d{1,2} \w{3}, \d\d:\d\d", false)]
    [TestCase(900, 700, "fr-FR", "La Lune n’est pas vide de course", @"Prochaine période : \w{3,4}\.? \d{1,2} \w{3,5}\.?,? \d\d:\d\d", false)]
    [TestCase(390, 844, "fr-FR", "La Lune n’est pas vide de course", @"Prochaine période : \w{3,4}\.? \d{1,2} \w{3,5}\.?,? \d\d:\d\d", false)]
    [TestCase(390, 844, "en-US", "The Moon is not void of course", @"Next void: \w{3}, \w{3} \d{1,2}, \d{1,2}:\d\d\s?[AP]M", true)]
    public async Task The_page_speaks_the_browsers_language_in_its_clock_is_accessible_and_fits_a_phone(int width, int height, string browserLocale, string notVoid, string nextVoid, bool twelveHours)
    {
        var page = await NewPage("Europe/Paris", width, height, browserLocale);
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = Now.UtcDateTime });
        await page.GotoAsync(_api.Address.ToString());
        await Expect(page.GetByTestId("state")).ToHaveTextAsync(notVoid);
        await Expect(page.GetByTestId("moon-phase")).Not.ToBeEmptyAsync();
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ContractTools.Ensure("node_modules/axe-core/axe.min.js") });

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)");
        var overflowing = await page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5); }).map(e => e.className || e.tagName)");
        var overlapping = await page.EvaluateAsync<JsonElement>(
            "() => { const r = [...document.querySelectorAll('#timeline .tick-label, #timeline .now-mark')].map(e => e.getBoundingClientRect()); return r.flatMap((a, i) => r.slice(i + 1).filter(b => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)).length; }");
        var labels = await page.Locator("#timeline .tick-label").AllTextContentsAsync();
        var span = await page.GetByTestId("span").TextContentAsync();
        var countdownAnnounced = await page.Locator("[aria-live] #countdown").CountAsync();
        await Screenshot(page, $"status-page-{width}px-{browserLocale}");

        Assert.That(await page.EvaluateAsync<string>("() => document.documentElement.lang"), Is.EqualTo(browserLocale[..2]));
        Assert.That(violations.EnumerateArray().Select(v => v.GetString()), Is.Empty, "axe-core");
        Assert.That(overflowing.EnumerateArray().Select(v => v.GetString()), Is.Empty, "nothing spills out of the viewport");
        Assert.That(overlapping.GetInt32(), Is.Zero, "no timeline label overlaps another");
        Assert.That(labels, Is.Not.Empty);
        Assert.That(labels.Where(label => !char.IsLetter(label[0])), Is.All.Match(twelveHours ? @"^\d{1,2}:00\s?[AP]M$" : @"^\d\d:00$"), "ticks on whole hours, in the visitor's clock");
        Assert.That(span, Does.Match(nextVoid), "dates, not just weekdays, in the page's language and the visitor's clock");
        Assert.That(countdownAnnounced, Is.Zero, "the countdown's ticks are not announced");
    }

    [TestCase("en-GB", "Next moonrise")]
    [TestCase("fr-FR", "Prochain lever de la Lune")]
    public async Task With_the_place_shared_the_moon_panel_shows_the_next_moonrise_and_moonset_there(string locale, string riseLabel)
    {
        var page = await NewPage("Europe/Paris", 390, 844, locale, geolocation: new Geolocation { Latitude = 48.8566f, Longitude = 2.3522f });
        var asked = new List<string>();
        page.Request += (_, request) => asked.Add(request.Url);
        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("moon-rise")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("moon-rise")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("moon-set")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("sky-here")).ToBeHiddenAsync();
        await Expect(page.GetByText(riseLabel)).ToBeVisibleAsync();
        var overflowing = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5); }).length");
        var valueWidth = await page.EvaluateAsync<double>("() => document.getElementById('moon-rise').getBoundingClientRect().width");
        await Screenshot(page, $"status-page-moon-sky-{locale}");

        Assert.That(asked.Where(url => url.Contains("/api/lunar/moon/sky?", StringComparison.Ordinal)), Has.All.Contains("lat=48.86&lon=2.35"), "the place rounded to 0.01°");
        Assert.That(overflowing, Is.Zero, "nothing spills out of a phone's viewport");
        Assert.That(valueWidth, Is.GreaterThan(250), "on a phone the values take the panel's width, not a narrow column");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Without_the_place_shared_nothing_is_asked_unless_the_visitor_asks_and_a_refusal_shows_nothing(bool undecided)
    {
        var page = await NewPage("Europe/Paris");
        if (undecided)
        {
            // The permission not decided yet (the browser would ask): Playwright's contexts refuse by default.
            await page.AddInitScriptAsync("navigator.permissions.query = async () => ({ state: 'prompt' });");
        }

        var asked = new List<string>();
        page.Request += (_, request) => asked.Add(request.Url);
        await page.GotoAsync(_api.Address.ToString());
        await Expect(page.GetByTestId("moon-phase")).Not.ToBeEmptyAsync();

        if (undecided)
        {
            await Expect(page.GetByTestId("sky-here")).ToBeVisibleAsync();
            await page.GetByTestId("sky-here").ClickAsync(); // the browser's answer: refused
            await Expect(page.GetByTestId("sky-here")).ToBeHiddenAsync();
        }
        else
        {
            await Expect(page.GetByTestId("sky-here")).ToBeHiddenAsync();
        }

        await Expect(page.GetByTestId("moon-rise")).ToBeHiddenAsync();
        Assert.That(asked.Where(url => url.Contains("/moon/sky", StringComparison.Ordinal)), Is.Empty, "no place, no request");
    }

    [Test]
    public async Task The_language_can_be_switched_and_stays_chosen()
    {
        var page = await NewPage("Europe/Paris");
        await page.GotoAsync(_api.Address.ToString());
        await Expect(page.GetByTestId("state")).ToHaveTextAsync("The Moon is not void of course");

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(page.GetByTestId("state")).ToHaveTextAsync("La Lune n’est pas vide de course");
        await page.ReloadAsync();

        await Expect(page.GetByTestId("state")).ToHaveTextAsync("La Lune n’est pas vide de course");
        await Expect(page.GetByTestId("explain")).ToContainTextAsync("vide de course depuis son dernier aspect");
        Assert.That(await page.EvaluateAsync<string>("() => document.documentElement.lang"), Is.EqualTo("fr"));
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).GetAttributeAsync("aria-pressed"), Is.EqualTo("true"));
    }

    [Test]
    public async Task The_page_says_what_a_void_is_and_offers_the_calendar_as_a_subscription()
    {
        var page = await NewPage("UTC");
        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("explain")).ToContainTextAsync("void of course from its last exact major aspect");
        Assert.That(await page.GetByTestId("subscribe").GetAttributeAsync("href"), Is.EqualTo($"webcal://{_api.Address.Authority}/api/lunar/voc/calendar.ics"));
        Assert.That(await page.GetByTestId("download").GetAttributeAsync("href"), Is.EqualTo("/api/lunar/voc/calendar.ics"));
    }

    [Test]
    public async Task With_the_api_stopped_under_the_open_page_it_says_so_and_then_that_its_answer_is_out_of_date()
    {
        var api = await ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_page_{Guid.NewGuid():N}"), LoopbackPorts.Free());
        try
        {
            var page = await NewPage("Europe/Paris");
            await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = DateTime.UtcNow });
            await page.GotoAsync(api.Address.ToString());
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("The Moon is not void of course");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-stream", "open");

            api.Kill();
            // The stream drops and tries to reconnect: a few seconds later the page says the service is gone.
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-stream", "reconnecting");
            await page.Clock.RunForAsync(6_000);
            await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("cannot be reached");
            await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("Showing the last answer");
            await Expect(page.GetByTestId("stale")).ToBeHiddenAsync();
            await Screenshot(page, "status-page-api-stopped");

            // Past the answer's own validity, it says that too.
            await page.Clock.RunForAsync(70_000);
            await Expect(page.GetByTestId("stale")).ToContainTextAsync("older than its validity");
            await Expect(page.GetByTestId("unreachable")).ToContainTextAsync("cannot be reached");
        }
        finally
        {
            api.Dispose();
        }
    }

    [Test]
    public async Task A_posted_window_shows_on_the_page_without_a_reload()
    {
        // An instance of its own: the window posted here must not show in the other tests' pages.
        using var api = await ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_page_{Guid.NewGuid():N}"), LoopbackPorts.Free());
        var page = await NewPage("Europe/Paris");
        await page.GotoAsync(api.Address.ToString());
        await Expect(page.GetByTestId("none")).ToHaveTextAsync("No void of course in the next 48 hours.");
        await Expect(page.GetByTestId("upcoming")).ToBeHiddenAsync();

        using (var writer = api.CreateClient(writer: true))
        {
            using var posted = await writer.PostAsJsonAsync(new Uri("/api/lunar/voc", UriKind.Relative), new
            {
                start_at = IsoText.Of(DateTimeOffset.UtcNow.AddHours(30)),
                end_at = IsoText.Of(DateTimeOffset.UtcNow.AddHours(31)),
                source = "page-test",
            });
            Assert.That((int)posted.StatusCode, Is.EqualTo(201));
        }

        // Pushed through the stream: the page was not reloaded, and it polls only every minute.
        await Expect(page.GetByTestId("upcoming").Locator("li")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await Expect(page.GetByTestId("none")).ToBeHiddenAsync();
    }

    [TestCase("2026-01-03T10:02:54Z")] // full Moon
    [TestCase("2026-01-07T00:00:00Z")] // waning gibbous
    [TestCase("2026-01-20T00:00:00Z")] // waxing crescent
    [TestCase("2026-01-29T12:00:00Z")] // waxing gibbous
    public async Task The_moon_panel_draws_the_lit_part_the_api_gives_on_the_right_side(string at)
    {
        var instant = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var page = await NewPage("Asia/Tokyo");
        // The page asks for the Moon now; here, now is the instant of the case.
        await page.RouteAsync("**/api/lunar/moon", route => route.ContinueAsync(new RouteContinueOptions { Url = $"{_api.Address}api/lunar/moon?at={at}" }));
        using var client = _api.CreateClient();
        var moon = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/lunar/moon?at={at}", UriKind.Relative))).RootElement;

        await page.GotoAsync(_api.Address.ToString());

        await Expect(page.GetByTestId("moon")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("moon-sign")).ToContainTextAsync(moon.GetProperty("sign").GetString()!);
        await Expect(page.GetByTestId("moon-phase")).ToContainTextAsync($"{Math.Round(moon.GetProperty("illumination").GetDouble() * 100)}% lit");
        // The lit part along the disc's equator, probed every 0.1 of the 96-unit diameter.
        var lit = await page.EvaluateAsync<JsonElement>(
            "() => { const p = document.getElementById('moon-lit'); const xs = []; for (let i = -490; i <= 490; i++) { if (p.isPointInFill(new DOMPoint(i / 10, 0))) xs.push(i / 10); } return { left: Math.min(...xs), right: Math.max(...xs) }; }");
        var left = lit.GetProperty("left").GetDouble();
        var right = lit.GetProperty("right").GetDouble();
        var waxing = DateTimeOffset.Parse(moon.GetProperty("next_full_moon").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            < DateTimeOffset.Parse(moon.GetProperty("next_new_moon").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await Screenshot(page, $"moon-panel-{instant:yyyyMMdd}");

        Assert.That((right - left) / 96, Is.EqualTo(moon.GetProperty("illumination").GetDouble()).Within(0.01), "the lit width over the diameter is the illuminated fraction");
        Assert.That(waxing ? right : -left, Is.EqualTo(48).Within(0.5), waxing ? "lit on the right while waxing" : "lit on the left while waning");
        await Expect(page.GetByTestId("moon-ingress")).ToContainTextAsync(moon.GetProperty("next_ingress").GetProperty("sign").GetString()!);
    }

    /// <summary>As where a proxy or a cap refuses streams: the page falls back to polling.</summary>
    private static async Task RefuseStream(IPage page) =>
        await page.RouteAsync("**/api/lunar/voc/status/stream", route => route.FulfillAsync(new RouteFulfillOptions { Status = 503 }));

    private async Task<IPage> NewPage(string timeZone, int width = 900, int height = 700, string locale = "en-GB", Geolocation? geolocation = null)
    {
        // CSP bypassed only so that the test can inject axe-core; the page itself runs under its CSP.
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            TimezoneId = timeZone,
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
            // A phone's viewport: no scrollbar takes width from the page (overlay scrollbars, as phones have).
            IsMobile = width < 600,
            HasTouch = width < 600,
            BypassCSP = true,
            Geolocation = geolocation,
            Permissions = geolocation is null ? [] : ["geolocation"],
        });
        return await context.NewPageAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task Screenshot(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
        if (Environment.GetEnvironmentVariable("LUNARVOC_SCREENSHOTS_OUT") is { Length: > 0 } kept)
        {
            Directory.CreateDirectory(kept);
            File.Copy(path, Path.Combine(kept, $"{name}.png"), overwrite: true);
        }
    }
}
