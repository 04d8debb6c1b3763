using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Process;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Webhooks;

/// <summary>
/// Two real instances on one database: every message is delivered by one of them, once; and when the
/// instance that made the first attempt is killed, the other delivers the retry with the same id.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WebhookInstancesTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks__AllowPrivateTargets"] = "true",
        ["Webhooks__RetrySeconds__0"] = "1",
    };

    [Test]
    public async Task Two_instances_deliver_each_message_once_and_the_survivor_of_a_kill_delivers_the_retry()
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_hooks_{Guid.NewGuid():N}");
        using var first = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), Settings);
        using var second = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), Settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var a = first.CreateClient(writer: true);
        using var b = second.CreateClient(writer: true);

        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            using var created = await (i % 2 == 0 ? a : b).PostAsJsonAsync(new Uri("/api/lunar/webhooks", UriKind.Relative), new { url = $"{receiver.Address}?n={i}", events = new[] { "voc.started" } });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            ids.Add(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>());
        }

        var sent = new List<string>();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            using var test = await (i % 2 == 0 ? b : a).PostAsync(new Uri($"/api/lunar/webhooks/{id}/test", UriKind.Relative), null);
            sent.Add(JsonNode.Parse(await test.Content.ReadAsStringAsync())!["message_id"]!.GetValue<string>());
        }

        await WaitForAsync(() => receiver.Requests.Count >= sent.Count);
        Assert.That(receiver.Requests.Select(r => r.Id).Order(), Is.EqualTo(sent.Order()), "each message once, by one instance");

        // A message whose first attempt fails; the instance is killed; the other sends the retry.
        receiver.AnswerNext(500);
        using var retried = await a.PostAsync(new Uri($"/api/lunar/webhooks/{ids[0]}/test", UriKind.Relative), null);
        var messageId = JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["message_id"]!.GetValue<string>();
        await WaitForAsync(() => receiver.Requests.Any(r => r.Id == messageId));
        first.Kill();
        await WaitForAsync(() => receiver.Requests.Count(r => r.Id == messageId) >= 2);

        Assert.That(receiver.Requests.Count(r => r.Id == messageId), Is.EqualTo(2), "the failed attempt, then the retry by the survivor");
        Assert.That(receiver.Requests.GroupBy(r => r.Id).Where(g => g.Key != messageId).Select(g => g.Count()), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_message_claimed_by_an_instance_killed_mid_attempt_is_sent_by_another_within_the_attempt_budget_and_a_margin()
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_hooks_{Guid.NewGuid():N}");
        await using var receiver = await WebhookReceiver.StartAsync();
        using var first = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), Settings);
        using var a = first.CreateClient(writer: true);
        using var created = await a.PostAsJsonAsync(new Uri("/api/lunar/webhooks", UriKind.Relative), new { url = receiver.Address.ToString(), events = new[] { "voc.started" } });
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        receiver.Hold(); // the attempt is in flight when its instance dies

        using var test = await a.PostAsync(new Uri($"/api/lunar/webhooks/{id}/test", UriKind.Relative), null);
        var messageId = JsonNode.Parse(await test.Content.ReadAsStringAsync())!["message_id"]!.GetValue<string>();
        await WaitForAsync(() => receiver.Requests.Any(r => r.Id == messageId));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        first.Kill();
        using var second = await ApiProcess.StartAsync(database, LoopbackPorts.Free(), Settings);
        receiver.Release();
        await WaitForAsync(() => receiver.Requests.Count(r => r.Id == messageId) >= 2);
        var takeover = clock.Elapsed;
        TestContext.Progress.WriteLine($"Taken over {takeover.TotalSeconds:F1} s after the kill (attempt budget 10 s, margin 5 s).");

        using var b = second.CreateClient(writer: true);
        var deliveries = await Waiting.UntilAsync(async () => JsonNode.Parse(await b.GetStringAsync(new Uri($"/api/lunar/webhooks/{id}/deliveries", UriKind.Relative)))!.AsArray(), list => list.Count > 0);
        Assert.That(receiver.Requests.Count(r => r.Id == messageId), Is.EqualTo(2), "the attempt cut short, then the survivor's");
        Assert.That(deliveries.Select(d => d!["attempt"]!.GetValue<int>()), Is.EqualTo(new[] { 1 }), "an attempt cut short by a crash costs none of the schedule");
        Assert.That(takeover, Is.LessThan(TimeSpan.FromSeconds(25)), "the claim runs out 15 s after it was made (was 40 s)");
    }

    /// <summary>Waits for the instances' real I/O (bounded: 30 s), not for a time to pass.</summary>
    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 600 && !done(); i++)
        {
            await Task.Delay(50);
        }

        Assert.That(done(), Is.True, "within 30 s");
    }
}
