using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Frontends;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LunarVoc.Api.FunctionalTests.Webhooks;

/// <summary>
/// Webhook subscriptions and their deliveries, against a real receiver on loopback (and the reference
/// Node library verifying signatures): ownership, bounds, refused targets, signed delivery, retries with
/// the same message id, 410, secret rotation. Time moves by the fake clock.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WebhookTests
{
    private const string OtherKey = "other-writer-key";
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private LunarVocApiFactory _factory = null!;
    private HttpClient _client = null!;
    private HttpClient _other = null!;
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task Start()
    {
        // Emptied before the instance starts: its first delivery and scheduling rounds would otherwise
        // meet the TRUNCATE's locks, and a round that failed waits for its retry on the fake clock.
        await ApiHost.TruncateAsync();
        await VocWindowTable.TruncateWebhooksAsync(ApiHost.ConnectionString);
        StartInstance(new FakeTimeProvider(Noon));
        _receiver = await WebhookReceiver.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        await _receiver.DisposeAsync();
        await StopInstanceAsync();
    }

    /// <summary>The instance under test, on its own clock, with webhook settings beyond the defaults if given.</summary>
    private void StartInstance(FakeTimeProvider time, params (string Key, string Value)[] settings)
    {
        _time = time;
        var configuration = new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Auth:ApiKeys:1"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        _factory = new LunarVocApiFactory(_time, configuration);
        _client = _factory.CreateWriterClient();
        _other = _factory.CreateClient();
        _other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
    }

    private async Task StopInstanceAsync()
    {
        _client.Dispose();
        _other.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task Every_change_of_the_stored_windows_is_told_once_with_what_changed()
    {
        var (_, secret) = await SubscribeAsync("windows.changed");

        var first = await PostWindowAsync(Noon.AddHours(2), Noon.AddHours(4), replace: false);
        var created = await NextDeliveryAsync(1);
        var second = await PostWindowAsync(Noon.AddHours(3), Noon.AddHours(5), replace: true);
        var replaced = JsonNode.Parse((await NextDeliveryAsync(2)).Body)!;
        using (var same = await _client.PostAsJsonAsync("/api/lunar/voc", new { start_at = IsoText.Of(Noon.AddHours(3)), end_at = IsoText.Of(Noon.AddHours(5)), source = "hooks", replace = true }))
        {
            Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same window again changes nothing");
        }

        using (var invalidated = await _client.PostAsync("/api/lunar/voc/cache/invalidate", null))
        {
            Assert.That(invalidated.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var byProvider = JsonNode.Parse((await NextDeliveryAsync(3)).Body)!;
        var body = JsonNode.Parse(created.Body)!;

        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("windows.changed"));
        Assert.That(body["timestamp"]!.GetValue<string>(), Is.EqualTo("2026-11-24T12:00:00Z"));
        Assert.That(Ids(body, "created"), Is.EqualTo(new[] { first }));
        Assert.That((body["data"]!["cause"]!.GetValue<string>(), Ids(body, "updated"), Ids(body, "removed")), Is.EqualTo(("saved", Array.Empty<long>(), Array.Empty<long>())));
        Assert.That((Ids(replaced, "created"), Ids(replaced, "removed")), Is.EqualTo((new[] { second }, new[] { first })));
        Assert.That(replaced["data"]!["created"]![0]!["start_at"]!.GetValue<string>(), Is.EqualTo("2026-11-24T15:00:00Z"));
        Assert.That(byProvider["data"]!["cause"]!.GetValue<string>(), Is.EqualTo("invalidated"));
        Assert.That(VerifyWithNode(secret, created), Is.EqualTo("verified"));
        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "delivered"), Is.EqualTo(3), "one message a change; none for the save that changed nothing");

        static long[] Ids(JsonNode body, string list) => [.. body["data"]![list]!.AsArray().Select(window => window!["id"]!.GetValue<long>())];
    }

    [Test]
    public async Task A_subscription_whose_deliveries_fail_for_too_long_is_disabled_until_its_owner_enables_it()
    {
        await StopInstanceAsync();
        StartInstance(_time, ("Webhooks:DisableAfterHours", "1"));
        var (id, _) = await SubscribeAsync("voc.started");
        _receiver.AnswerNext(500, 500);

        using (await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null))
        {
            await NextDeliveryAsync(1);
        }

        await WaitForWebhookAttemptsAsync(id, 1);
        _time.Advance(TimeSpan.FromHours(2)); // past the first retry, and an hour of failures
        await NextDeliveryAsync(2);
        var disabled = await Waiting.UntilAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}"))!, w => !w["active"]!.GetValue<bool>());
        using var enabled = await _client.PostAsync($"/api/lunar/webhooks/{id}/enable", null);
        var again = JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}"))!;
        using var foreign = await _other.PostAsync($"/api/lunar/webhooks/{id}/enable", null);
        using (await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null))
        {
            await NextDeliveryAsync(3);
        }

        Assert.That(disabled["disabled_reason"]!.GetValue<string>(), Does.Contain("every delivery failed for 1 h"));
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((again["active"]!.GetValue<bool>(), again["disabled_reason"]), Is.EqualTo((true, (JsonNode?)null)));
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_instant_missed_while_no_instance_ran_is_sent_late_within_the_limit_and_dropped_past_it()
    {
        await SubscribeAsync("voc.started");
        await PostWindowAsync(Noon.AddMinutes(5), Noon.AddMinutes(10), replace: false);
        await PostWindowAsync(Noon.AddHours(1), Noon.AddHours(2), replace: false);
        await WaitForWebhooksAsync("pending", 2);

        await StopInstanceAsync();
        StartInstance(new FakeTimeProvider(Noon.AddMinutes(80))); // no instance ran from Noon to now
        var late = await NextDeliveryAsync(1);
        await WaitForWebhooksAsync("cancelled", 1);

        Assert.That(JsonNode.Parse(late.Body)!["timestamp"]!.GetValue<string>(), Is.EqualTo("2026-11-24T13:00:00Z"), "the event's instant: 20 min late");
        Assert.That(late.Timestamp, Is.EqualTo(Noon.AddMinutes(80).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), "sent at once on start-up");
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1), "the start 75 min ago is past the hour's limit: not sent");
    }

    [Test]
    public async Task A_subscription_shows_its_secret_once_and_belongs_to_the_key_that_made_it()
    {
        using var created = await Subscribe(_receiver.Address.ToString(), "voc.started", "voc.ended");
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = body["id"]!.GetValue<long>();

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"/api/lunar/webhooks/{id}"));
        Assert.That(body["secret"]!.GetValue<string>(), Does.Match("^whsec_[A-Za-z0-9+/]{43}=$"));
        var listed = await _client.GetStringAsync("/api/lunar/webhooks");
        Assert.That(listed, Does.Contain(_receiver.Address.ToString()).And.Not.Contain("whsec_"));
        Assert.That(await _client.GetStringAsync($"/api/lunar/webhooks/{id}"), Does.Not.Contain("secret"));

        Assert.That(await _other.GetStringAsync("/api/lunar/webhooks"), Is.EqualTo("[]"));
        using var foreign = await _other.GetAsync($"/api/lunar/webhooks/{id}");
        using var foreignDelete = await _other.DeleteAsync($"/api/lunar/webhooks/{id}");
        using var foreignTest = await _other.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        using var anonymous = await _factory.CreateClient().GetAsync("/api/lunar/webhooks");
        Assert.That((foreign.StatusCode, foreignDelete.StatusCode, foreignTest.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var deleted = await _client.DeleteAsync($"/api/lunar/webhooks/{id}");
        using var gone = await _client.GetAsync($"/api/lunar/webhooks/{id}");
        Assert.That((deleted.StatusCode, gone.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NotFound)));
    }

    [TestCase("ftp://example.com/hook", "url")]
    [TestCase("not a url", "url")]
    [TestCase("http://user:pass@example.com/hook", "url")]
    [TestCase("http://@127.0.0.1:9/hook", "url")]
    [TestCase("http://127.0.0.1:9/a\r\nb", "url")]
    [TestCase("http://127.0.0.1:9/a b", "url")]
    [TestCase("http://127.0.0.1:9/a\u200Bb", "url")]
    [TestCase("http:\\\\alice:secret@127.0.0.1:9/", "url")]
    [TestCase("http:/\\bob@127.0.0.1:9/", "url")]
    [TestCase("http://127.0.0.1:0/hook", "url")]
    public async Task A_bad_subscription_is_a_400_naming_the_field(string url, string field)
    {
        using var response = await Subscribe(url, "voc.started");

        await AssertNames(response, field);
    }

    [Test]
    public async Task Unknown_events_too_many_events_a_bad_lead_and_a_long_url_are_400s_naming_the_field()
    {
        using var unknown = await Subscribe(_receiver.Address.ToString(), "voc.sometimes");
        using var none = await Subscribe(_receiver.Address.ToString());
        using var lead = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "voc.upcoming" }, lead_minutes = 0 });
        using var leadAsText = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "voc.upcoming" }, lead_minutes = "30" });
        using var tooLong = await Subscribe("https://example.com/" + new string('a', 2_048), "voc.started");

        await AssertNames(unknown, "events[0]");
        await AssertNames(none, "events");
        await AssertNames(lead, "lead_minutes");
        await AssertNames(leadAsText, "lead_minutes");
        await AssertNames(tooLong, "url");
        Assert.That(await lead.Content.ReadAsStringAsync(), Does.Contain("'lead_minutes' must be between 1 and 1440"), "fields named as clients write them");
    }

    [Test]
    public async Task A_host_that_does_not_resolve_is_refused_saying_so()
    {
        using var response = await Subscribe("http://no-such-host.invalid/hook", "voc.started");

        await AssertNames(response, "url");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("url cannot be delivered to: its host does not resolve."));
    }

    [Test]
    public async Task A_lead_is_kept_only_for_voc_upcoming()
    {
        using var without = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "voc.started" }, lead_minutes = 30 });
        using var with = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "voc.upcoming" } });

        Assert.That(JsonNode.Parse(await without.Content.ReadAsStringAsync())!["lead_minutes"], Is.Null);
        Assert.That(JsonNode.Parse(await with.Content.ReadAsStringAsync())!["lead_minutes"]!.GetValue<int>(), Is.EqualTo(60), "the default");
    }

    [TestCase("http://127.0.0.1:9/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://localhost:9/hook")]
    [TestCase("http://[::1]:9/hook")]
    [TestCase("http://10.1.2.3/hook")]
    [TestCase("http://[::ffff:127.0.0.1]:9/hook")]
    [TestCase("http://[::ffff:0:127.0.0.1]:9/hook")]
    [TestCase("http://192.0.2.1/hook")]
    [TestCase("http://[2001:db8::1]/hook")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/")]
    [TestCase("http://[::127.0.0.1]/hook")]
    [TestCase("http://[2002:7f00:1::]/hook")]
    public async Task Private_and_local_targets_are_refused_unless_allowed(string url)
    {
        await using var strict = new LunarVocApiFactory(_time);
        using var client = strict.CreateWriterClient();

        using var response = await client.PostAsJsonAsync("/api/lunar/webhooks", new { url, events = new[] { "voc.started" } });

        await AssertNames(response, "url");
    }

    [Test]
    public async Task A_test_event_is_delivered_signed_and_verifies_with_the_reference_library()
    {
        var (id, secret) = await SubscribeAsync("voc.started");

        using var accepted = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        var messageId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["message_id"]!.GetValue<string>();
        var received = await NextDeliveryAsync(1);

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(received.Id, Is.EqualTo(messageId));
        Assert.That(received.Timestamp, Is.EqualTo(Noon.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(received.SignaturesBy(secret), Is.EqualTo(1));
        var body = JsonNode.Parse(received.Body)!;
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("webhook.test"));
        Assert.That(body["data"]!["subscription_id"]!.GetValue<long>(), Is.EqualTo(id));
        Assert.That(VerifyWithNode(secret, received), Is.EqualTo("verified"));
    }

    [Test]
    public async Task A_failed_delivery_is_retried_with_the_same_message_id_and_the_attempts_are_listed()
    {
        var (id, _) = await SubscribeAsync("voc.started");
        _receiver.AnswerNext(500);

        using var _ = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        var first = await NextDeliveryAsync(1);
        var second = await NextDeliveryAsync(2, advanceBy: TimeSpan.FromSeconds(1));
        var deliveries = JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}/deliveries"))!.AsArray();

        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(deliveries.Select(d => (d!["attempt"]!.GetValue<int>(), d["status_code"]!.GetValue<int>())), Is.EqualTo(new[] { (2, 200), (1, 500) }));
        Assert.That(deliveries[1]!["next_try"], Is.Not.Null);
        Assert.That(deliveries[1]!["error"]!.GetValue<string>(), Does.Contain("500"));
        var metrics = await Waiting.UntilAsync(() => _client.GetStringAsync("/metrics"), text => text.Contains("outcome=\"delivered\"", StringComparison.Ordinal));
        Assert.That(metrics, Does.Match("lunarvoc_webhooks_deliveries_total\\{[^}]*event=\"webhook.test\"[^}]*outcome=\"retry\"[^}]*\\} 1"));
        Assert.That(metrics, Does.Match("lunarvoc_webhooks_deliveries_total\\{[^}]*event=\"webhook.test\"[^}]*outcome=\"delivered\"[^}]*\\} 1"));
        Assert.That(metrics, Does.Contain("lunarvoc_webhooks_lag_seconds"));
    }

    [Test]
    public async Task A_subscription_deleted_during_a_delivery_holds_back_no_other_delivery()
    {
        var (deleted, _) = await SubscribeAsync("voc.started");
        var (kept, _) = await SubscribeAsync("voc.started");
        var hold = _receiver.Hold();
        using (var _ = await _client.PostAsync($"/api/lunar/webhooks/{deleted}/test", null))
        {
            await NextDeliveryAsync(1);
        }

        using (var removed = await _client.DeleteAsync($"/api/lunar/webhooks/{deleted}"))
        {
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        _receiver.Release();
        await hold.Task;
        using var test = await _client.PostAsync($"/api/lunar/webhooks/{kept}/test", null);
        var messageId = JsonNode.Parse(await test.Content.ReadAsStringAsync())!["message_id"]!.GetValue<string>();
        await NextDeliveryAsync(2);
        await WaitForWebhookAttemptsAsync(kept, 1);
        _time.Advance(TimeSpan.FromMinutes(1)); // past the claim's lease: an unrecorded message would be sent again
        await WaitForWebhooksAsync("delivered", 1);

        var deliveries = JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{kept}/deliveries"))!.AsArray();
        Assert.That(deliveries.Select(d => (d!["message_id"]!.GetValue<string>(), d["status_code"]!.GetValue<int>())), Is.EqualTo(new[] { (messageId, 200) }));
        Assert.That(_receiver.Requests.Count(r => r.Id == messageId), Is.EqualTo(1), "recorded, so sent once");
    }

    [Test]
    public async Task A_410_disables_the_subscription_and_says_why()
    {
        var (id, _) = await SubscribeAsync("voc.started");
        _receiver.AnswerNext(410);

        using var _ = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        await NextDeliveryAsync(1);
        var webhook = await Waiting.UntilAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}"))!, w => !w["active"]!.GetValue<bool>());

        using var test = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);

        Assert.That(webhook["disabled_reason"]!.GetValue<string>(), Does.Contain("410"));
        Assert.That(test.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing is sent to a disabled subscription, and the test says so");
        Assert.That(await test.Content.ReadAsStringAsync(), Does.Contain("enable"));
    }

    [Test]
    public async Task After_a_secret_rotation_both_secrets_sign_and_both_verify()
    {
        var (id, old) = await SubscribeAsync("voc.started");

        var rotated = JsonNode.Parse(await (await _client.PostAsync($"/api/lunar/webhooks/{id}/secret", null)).Content.ReadAsStringAsync())!;
        var secret = rotated["secret"]!.GetValue<string>();
        using var _ = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        var received = await NextDeliveryAsync(1);

        Assert.That(secret, Is.Not.EqualTo(old));
        Assert.That((received.SignaturesBy(secret), received.SignaturesBy(old)), Is.EqualTo((1, 1)));
        Assert.That(VerifyWithNode(secret, received), Is.EqualTo("verified"));
        Assert.That(VerifyWithNode(old, received), Is.EqualTo("verified"));
    }

    [Test]
    public async Task Void_events_come_on_time_with_the_window_and_a_window_replaced_before_its_start_moves_them()
    {
        using (var subscribed = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "voc.upcoming", "voc.started", "voc.ended" }, lead_minutes = 30 }))
        {
            Assert.That(subscribed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var first = await PostWindowAsync(Noon.AddHours(2), Noon.AddHours(4), replace: false);
        await WaitForWebhooksAsync("pending", 3);
        var second = await PostWindowAsync(Noon.AddHours(3), Noon.AddHours(5), replace: true);
        await WaitForWebhooksAsync("cancelled", 3);
        await WaitForWebhooksAsync("pending", 3);

        var upcoming = await DeliveredAtAsync(Noon.AddHours(2).AddMinutes(30), 1);
        var started = await DeliveredAtAsync(Noon.AddHours(3), 2);
        var ended = await DeliveredAtAsync(Noon.AddHours(5), 3);

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(_receiver.Requests.Select(r => JsonNode.Parse(r.Body)!["data"]!["window"]!["id"]!.GetValue<long>()), Is.All.EqualTo(second), "nothing for the replaced window");
        Assert.That(new[] { upcoming, started, ended }.Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "voc.upcoming", "voc.started", "voc.ended" }));
        Assert.That(JsonNode.Parse(started.Body)!["timestamp"]!.GetValue<string>(), Is.EqualTo("2026-11-24T15:00:00Z"));
        Assert.That(JsonNode.Parse(started.Body)!["data"]!["window"]!["start_at"]!.GetValue<string>(), Is.EqualTo("2026-11-24T15:00:00Z"));
    }

    [Test]
    public async Task The_moons_ingresses_and_principal_phases_come_on_time()
    {
        using (var subscribed = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "moon.ingress", "moon.phase" } }))
        {
            Assert.That(subscribed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var moon = JsonNode.Parse(await _client.GetStringAsync("/api/lunar/moon"))!;
        var phases = JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/moon/phases?from={IsoText.Of(Noon)}&to={IsoText.Of(Noon.AddHours(48))}"))!["phases"]!.AsArray();
        var expected = new List<(DateTimeOffset At, string Type, string What)>
        {
            (DateTimeOffset.Parse(moon["next_ingress"]!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), "moon.ingress", moon["next_ingress"]!["sign"]!.GetValue<string>()),
        };
        expected.AddRange(phases.Select(phase => (DateTimeOffset.Parse(phase!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), "moon.phase", phase["phase"]!.GetValue<string>())));
        expected.Sort((a, b) => a.At.CompareTo(b.At));
        await WaitForWebhooksAsync("pending", await PendingWithin48HoursAsync(expected.Count));

        var received = new List<JsonNode>();
        for (var i = 0; i < expected.Count; i++)
        {
            received.Add(JsonNode.Parse((await DeliveredAtAsync(expected[i].At, i + 1)).Body)!);
        }

        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(2), "an ingress and a phase within two days");
        Assert.That(received.Select(body => body["type"]!.GetValue<string>()), Is.EqualTo(expected.Select(e => e.Type)));
        Assert.That(received.Select(body => body["data"]!["sign"]?.GetValue<string>() ?? body["data"]!["phase"]!.GetValue<string>()), Is.EqualTo(expected.Select(e => e.What)));
    }

    /// <summary>The events the scheduler queues: every one of the next 48 hours (the first ingress, and any later one within them).</summary>
    private static async Task<long> PendingWithin48HoursAsync(int atLeast)
    {
        for (var i = 0; i < 200 && await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "pending") < atLeast; i++)
        {
            await Task.Delay(50);
        }

        return await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "pending");
    }

    private async Task<long> PostWindowAsync(DateTimeOffset start, DateTimeOffset end, bool replace)
    {
        using var posted = await _client.PostAsJsonAsync("/api/lunar/voc", new { start_at = IsoText.Of(start), end_at = IsoText.Of(end), source = "hooks", replace });
        Assert.That((int)posted.StatusCode, Is.EqualTo(201), await posted.Content.ReadAsStringAsync());
        return JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
    }

    /// <summary>Waits (bounded, real time: the scheduler's I/O) until <paramref name="count"/> messages are in <paramref name="state"/>.</summary>
    private static async Task WaitForWebhooksAsync(string state, long count)
    {
        for (var i = 0; i < 200 && await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, state) != count; i++)
        {
            await Task.Delay(50);
        }

        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, state), Is.EqualTo(count), state);
    }

    /// <summary>Moves the clock to a second before <paramref name="instant"/>, then on in 100 ms steps: the delivery comes within the second.</summary>
    private async Task<WebhookReceiver.Received> DeliveredAtAsync(DateTimeOffset instant, int count)
    {
        _time.Advance(instant - TimeSpan.FromSeconds(1) - _time.GetUtcNow());
        await Task.Delay(200);
        Assert.That(_receiver.Requests, Has.Count.EqualTo(count - 1), $"nothing before {instant:o}");
        var received = await NextDeliveryAsync(count, advanceBy: TimeSpan.FromMilliseconds(100));
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(sentAt - instant, Is.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(1)), "sent within a second of its instant");
        return received;
    }

    private Task<HttpResponseMessage> Subscribe(string url, params string[] events) =>
        _client.PostAsJsonAsync("/api/lunar/webhooks", new { url, events });

    private async Task<(long Id, string Secret)> SubscribeAsync(params string[] events)
    {
        using var created = await Subscribe(_receiver.Address.ToString(), events);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        return (body["id"]!.GetValue<long>(), body["secret"]!.GetValue<string>());
    }

    /// <summary>Waits (bounded, real time for the I/O) until the receiver holds <paramref name="count"/> requests, moving the fake clock on meanwhile if asked.</summary>
    private async Task<WebhookReceiver.Received> NextDeliveryAsync(int count, TimeSpan? advanceBy = null)
    {
        for (var i = 0; i < 600 && _receiver.Requests.Count < count; i++)
        {
            if (advanceBy is { } step)
            {
                _time.Advance(step);
            }

            await Task.Delay(50);
        }

        Assert.That(_receiver.Requests, Has.Count.GreaterThanOrEqualTo(count), "delivered");
        return _receiver.Requests.ElementAt(count - 1);
    }

    /// <summary>Waits (bounded, real time for the I/O) until the subscription's attempts are recorded.</summary>
    private async Task WaitForWebhookAttemptsAsync(long id, int count) =>
        await Waiting.UntilAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}/deliveries"))!.AsArray().Count, recorded => recorded >= count);


    private static async Task AssertNames(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(body)!["errors"]!.AsObject().Select(error => error.Key), Has.Member(field), body);
    }

    /// <summary>The reference Node library (npm standardwebhooks) verifying a delivery as a receiver would.</summary>
    private static string VerifyWithNode(string secret, WebhookReceiver.Received received)
    {
        var script = ContractTools.Ensure("verify-webhook.mjs");
        var request = Path.Combine(Path.GetTempPath(), $"lunarvoc-webhook-{Guid.NewGuid():N}.json");
        File.WriteAllText(request, new JsonObject
        {
            ["secret"] = secret,
            ["body"] = received.Body,
            ["headers"] = new JsonObject { ["webhook-id"] = received.Id, ["webhook-timestamp"] = received.Timestamp, ["webhook-signature"] = received.Signature },
        }.ToJsonString());
        try
        {
            return ExternalProcess.Run("node", script, request).Trim();
        }
        finally
        {
            File.Delete(request);
        }
    }
}
