using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Webhooks;

/// <summary>
/// What must never be lost or held back: a backfill cancels no coming event, a Moon event keeps its
/// whole retry schedule, and receivers that hang on a host do not delay another receiver on it.
/// </summary>
public sealed partial class WebhookTests
{
    [Test]
    public async Task A_backfill_of_a_hundred_past_windows_cancels_no_coming_event_of_thousands_of_subscribers()
    {
        const int Subscribers = 2_000;
        await VocWindowTable.ExecuteAsync(
            ApiHost.ConnectionString,
            """
            INSERT INTO webhook_subscriptions (owner, url, events, secret, created_at)
            SELECT 'bulk', @Url, ARRAY['voc.started'], @Secret, @At FROM generate_series(1, @Count)
            """,
            ("Url", _receiver.Address.ToString()), ("Secret", $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"), ("At", Noon.UtcDateTime), ("Count", Subscribers));
        DateTimeOffset[] starts = [Noon.AddHours(2), Noon.AddHours(10), Noon.AddHours(20), Noon.AddHours(30)];
        foreach (var start in starts[..3])
        {
            await PostWindowAsync(start, start.AddHours(1), replace: false);
        }

        await WaitNudgingAsync("pending", 3 * Subscribers);

        for (var i = 0; i < 100; i++)
        {
            var start = Noon.AddDays(-4).AddMinutes(55 * i);
            await PostWindowAsync(start, start.AddMinutes(1), replace: false);
        }

        await PostWindowAsync(starts[3], starts[3].AddHours(1), replace: false); // scheduled after the whole backfill
        await WaitNudgingAsync("pending", 4 * Subscribers);
        var cancelled = await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "cancelled");
        foreach (var (start, i) in starts.Select((start, i) => (start, i)))
        {
            _time.Advance(start.AddSeconds(1) - _time.GetUtcNow());
            await NextDeliveryAsync((i + 1) * Subscribers, advanceBy: TimeSpan.FromMilliseconds(100));
        }

        Assert.That(cancelled, Is.Zero);
        Assert.That(_receiver.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(4 * Subscribers), "every subscriber, every coming window, once");
        Assert.That(
            _receiver.Requests.GroupBy(r => JsonNode.Parse(r.Body)!["data"]!["window"]!["start_at"]!.GetValue<string>()).Select(g => g.Count()),
            Is.EqualTo(new[] { Subscribers, Subscribers, Subscribers, Subscribers }));
    }

    [Test]
    public async Task A_moon_events_retries_run_the_whole_schedule_whatever_its_age()
    {
        using (var subscribed = await _client.PostAsJsonAsync("/api/lunar/webhooks", new { url = _receiver.Address.ToString(), events = new[] { "moon.ingress", "moon.phase" } }))
        {
            Assert.That(subscribed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var id = JsonNode.Parse(await _client.GetStringAsync("/api/lunar/webhooks"))!.AsArray()[0]!["id"]!.GetValue<long>();
        _receiver.AnswerAlways(500);
        await UntilNudgingAsync(() => VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "pending"), pending => pending > 0);
        var first = (DateTime)(await VocWindowTable.ExecuteScalarAsync(ApiHost.ConnectionString, "SELECT min(due_at) FROM webhook_messages WHERE state = 'pending'"))!;
        _time.Advance(new DateTimeOffset(first, TimeSpan.Zero).AddSeconds(1) - _time.GetUtcNow());
        var messageId = (await NextDeliveryAsync(1, advanceBy: TimeSpan.FromMilliseconds(100))).Id;
        var retries = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var failed = await AttemptAsync(id, messageId, attempt);
            var nextTry = DateTimeOffset.Parse(failed["next_try"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            retries.Add(nextTry - DateTimeOffset.Parse(failed["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            // On in ten-minute steps, so the hourly scheduling runs while the message waits, as it would in real time.
            while (_time.GetUtcNow() <= nextTry)
            {
                _time.Advance(TimeSpan.FromMinutes(10));
                await Task.Delay(50);
            }

            await UntilNudgingAsync(
                () =>
                {
                    _time.Advance(TimeSpan.FromMilliseconds(100)); // the loop's timers set after the jump
                    return Task.FromResult(_receiver.Requests.Count(r => r.Id == messageId));
                },
                sent => sent > attempt);
        }

        var last = await AttemptAsync(id, messageId, 8);

        int[] schedule = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];
        Assert.That(retries.Select((wait, i) => wait.TotalSeconds / schedule[i]), Is.All.InRange(0.89, 1.11), "each wait as scheduled, ±10 %");
        Assert.That(_receiver.Requests.Count(r => r.Id == messageId), Is.EqualTo(8), "the first attempt and its seven retries, over more than a day");
        Assert.That(last["next_try"], Is.Null, "given up after the last retry, as documented");
    }

    [Test]
    public async Task An_answering_receiver_is_served_at_its_instant_beside_fifty_that_hang_on_the_same_host()
    {
        for (var i = 0; i < 50; i++)
        {
            using var hanging = await Subscribe($"{_receiver.HangingAddress}?n={i}", "voc.started");
            Assert.That(hanging.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var (answering, _) = await SubscribeAsync("voc.started");
        var start = Noon.AddHours(1);
        await PostWindowAsync(start, start.AddHours(1), replace: false);
        await WaitNudgingAsync("pending", 51);

        var received = await DeliveredAtAsync(start, 1);
        await UntilNudgingAsync(() => Task.FromResult(_receiver.Hanging.Count), held => held == 50);
        var attempt = await AttemptAsync(answering, received.Id, 1);

        Assert.That((attempt["status_code"]!.GetValue<int>(), attempt["error"]), Is.EqualTo((200, (JsonNode?)null)), "its first attempt, never held for a connection");
        Assert.That(_receiver.Hanging, Has.Count.EqualTo(50), "the hanging ones each hold a connection meanwhile");
    }

    [Test]
    public async Task A_receiver_that_hangs_holds_two_delivery_slots_however_many_of_its_messages_are_due()
    {
        await StopInstanceAsync();
        StartInstance(_time, ("Webhooks:MaxConcurrentDeliveries", "4"), ("Webhooks:AttemptTimeoutSeconds", "60"));
        using (var created = await Subscribe(_receiver.HangingAddress.ToString(), "voc.started"))
        {
            var hanging = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            for (var i = 0; i < 20; i++)
            {
                using var queued = await _client.PostAsync($"/api/lunar/webhooks/{hanging}/test", null);
                Assert.That(queued.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            }
        }

        await UntilNudgingAsync(() => Task.FromResult(_receiver.Hanging.Count), held => held >= 2);
        var (answering, _) = await SubscribeAsync("voc.started");
        using (var test = await _client.PostAsync($"/api/lunar/webhooks/{answering}/test", null))
        {
            await NextDeliveryAsync(1, advanceBy: TimeSpan.FromMilliseconds(10));
        }

        Assert.That(_receiver.Hanging, Has.Count.EqualTo(2), "two of its twenty in flight, the other two slots free for everyone else");
    }

    [Test]
    public async Task A_malformed_answer_is_recorded_as_a_failure_in_plain_text_and_holds_back_no_other_delivery()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var answering = AnswerOnceAsync(listener, "HTTP/1.1 2\0 00 OK\r\nContent-Length: 0\r\n\r\n");
        using var created = await Subscribe($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook", "voc.started");
        var bad = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var (good, _) = await SubscribeAsync("voc.started");

        using (await _client.PostAsync($"/api/lunar/webhooks/{bad}/test", null))
        {
            await answering;
        }

        var failure = (await UntilNudgingAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{bad}/deliveries"))!.AsArray(), list => list.Count > 0)).Single()!;
        using (await _client.PostAsync($"/api/lunar/webhooks/{good}/test", null))
        {
            await NextDeliveryAsync(1, advanceBy: TimeSpan.FromMilliseconds(10));
        }

        await UntilNudgingAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{good}/deliveries"))!.AsArray().Count, recorded => recorded >= 1);
        Assert.That(failure["error"]!.GetValue<string>().Contains('\0', StringComparison.Ordinal), Is.False, "no NUL stored");
        Assert.That(failure["error"]!.GetValue<string>(), Has.Length.LessThanOrEqualTo(301));
        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "delivered"), Is.EqualTo(1), "the next delivery recorded");

        static async Task AnswerOnceAsync(System.Net.Sockets.TcpListener listener, string answer)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[65_536];
            var read = 0;
            while (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                read += await stream.ReadAsync(buffer.AsMemory(read));
            }

            await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(answer));
        }
    }

    [Test]
    public async Task Messages_waiting_for_their_turn_are_never_dropped_as_late()
    {
        await StopInstanceAsync();
        StartInstance(_time, ("Webhooks:MaxConcurrentDeliveries", "4"), ("Webhooks:AttemptTimeoutSeconds", "60"), ("Webhooks:LateLimitMinutes", "1"));
        using var created = await Subscribe(_receiver.HangingAddress.ToString(), "voc.started");
        var hanging = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        for (var i = 0; i < 10; i++)
        {
            using var queued = await _client.PostAsync($"/api/lunar/webhooks/{hanging}/test", null);
        }

        await UntilNudgingAsync(() => Task.FromResult(_receiver.Hanging.Count), held => held >= 2);

        for (var step = 0; step < 60; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(5)); // five minutes, the delivery loop running all along
            await Task.Delay(20);
        }

        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "cancelled"), Is.Zero);
        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "pending"), Is.EqualTo(10));
    }

    [Test]
    public async Task A_window_posted_after_its_start_sends_nothing_of_what_already_passed()
    {
        await SubscribeAsync("voc.upcoming", "voc.started", "voc.ended");
        _time.Advance(TimeSpan.FromHours(1)); // the subscription is older than the windows' instants
        var now = _time.GetUtcNow();
        await PostWindowAsync(now.AddMinutes(-40), now.AddMinutes(-39), replace: false); // a backfill within the late limit
        await PostWindowAsync(now.AddMinutes(-10), now.AddMinutes(20), replace: false);  // started before it was posted
        await WaitNudgingAsync("pending", 1);

        var ended = await DeliveredAtAsync(now.AddMinutes(20), 1);

        Assert.That(JsonNode.Parse(ended.Body)!["type"]!.GetValue<string>(), Is.EqualTo("voc.ended"), "only the end that was still to come");
    }

    [Test]
    public async Task Messages_done_are_forgotten_after_the_days_they_are_kept()
    {
        var (id, _) = await SubscribeAsync("voc.started");
        using (await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null))
        {
            await NextDeliveryAsync(1, advanceBy: TimeSpan.FromMilliseconds(10));
        }

        await UntilNudgingAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}/deliveries"))!.AsArray().Count, recorded => recorded >= 1);

        _time.Advance(TimeSpan.FromDays(31)); // the hourly scheduling runs, and forgets what is done
        var deliveries = await UntilNudgingAsync(async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{id}/deliveries"))!.AsArray(), list => list.Count == 0);

        Assert.That(deliveries, Is.Empty);
        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "delivered"), Is.Zero);
    }

    [Test]
    public async Task An_attempt_recorded_after_its_message_was_cancelled_changes_nothing()
    {
        await SubscribeAsync("voc.started");
        var start = Noon.AddMinutes(10);
        await PostWindowAsync(start, start.AddHours(1), replace: false);
        await WaitNudgingAsync("pending", 1);
        var hold = _receiver.Hold();
        _receiver.AnswerNext(500);
        await DeliveredAtAsync(start, 1); // in flight, held by the receiver

        await PostWindowAsync(start.AddMinutes(-5), start.AddHours(2), replace: true); // its window replaced: the message cancelled
        await WaitNudgingAsync("cancelled", 1);
        _receiver.Release();
        await hold.Task;
        await UntilNudgingAsync(() => VocWindowTable.ExecuteScalarAsync(ApiHost.ConnectionString, "SELECT count(*) FROM webhook_attempts"), recorded => (long)recorded! == 1);
        _time.Advance(TimeSpan.FromMinutes(1)); // past the 5 s retry it would have had
        await Task.Delay(200);

        Assert.That(await VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, "cancelled"), Is.EqualTo(1), "still cancelled");
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1), "not sent again for the removed window");
    }

    [Test]
    public async Task A_receiver_a_thousand_messages_behind_gets_no_more_until_it_catches_up()
    {
        using var created = await Subscribe(_receiver.HangingAddress.ToString(), "windows.changed");
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        await VocWindowTable.ExecuteAsync(
            ApiHost.ConnectionString,
            """
            INSERT INTO webhook_messages (subscription_id, message_id, event_key, event_type, payload, occurs_at, due_at)
            SELECT @Id, 'msg_backlog_' || n, 'backlog:' || n, 'webhook.test', '{}', @At, @At + interval '1 hour' FROM generate_series(1, 1000) n
            """,
            ("Id", id), ("At", Noon.UtcDateTime));

        using var test = await _client.PostAsync($"/api/lunar/webhooks/{id}/test", null);
        await PostWindowAsync(Noon.AddHours(5), Noon.AddHours(6), replace: false);
        var (other, _) = await SubscribeAsync("voc.started");
        using var otherTest = await _client.PostAsync($"/api/lunar/webhooks/{other}/test", null);

        Assert.That(test.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(JsonNode.Parse(await test.Content.ReadAsStringAsync())!["title"]!.GetValue<string>(), Does.Contain("Too many messages wait"));
        Assert.That(await VocWindowTable.ExecuteScalarAsync(ApiHost.ConnectionString, $"SELECT count(*) FROM webhook_messages WHERE subscription_id = {id}"), Is.EqualTo(1_000), "no test and no windows.changed queued for it");
        Assert.That(otherTest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    /// <summary>
    /// Waits (bounded, real time for the I/O) for background work, moving the fake clock on by 10 ms a
    /// read: a round that failed under load (the database budget ran out) waits for its retry on that
    /// clock, and would otherwise wait for ever.
    /// </summary>
    private Task<T> UntilNudgingAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        Waiting.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(10));
                return read();
            },
            done);

    private async Task WaitNudgingAsync(string state, long count) =>
        Assert.That(await UntilNudgingAsync(() => VocWindowTable.CountWebhooksAsync(ApiHost.ConnectionString, state), n => n == count), Is.EqualTo(count), state);

    /// <summary>The recorded attempt <paramref name="number"/> of a message (waits for its record: real I/O).</summary>
    private async Task<JsonNode> AttemptAsync(long subscription, string messageId, int number)
    {
        var deliveries = await UntilNudgingAsync(
            async () => JsonNode.Parse(await _client.GetStringAsync($"/api/lunar/webhooks/{subscription}/deliveries"))!.AsArray(),
            list => list.Any(d => d!["message_id"]!.GetValue<string>() == messageId && d["attempt"]!.GetValue<int>() == number));
        return deliveries.First(d => d!["message_id"]!.GetValue<string>() == messageId && d["attempt"]!.GetValue<int>() == number)!;
    }
}
