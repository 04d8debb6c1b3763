using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>The process killed with SIGKILL in the middle of reads and writes starts again cleanly and serves.</summary>
[TestFixture]
public sealed class KillTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Killed_mid_load_it_restarts_cleanly_serves_and_has_lost_no_acknowledged_write()
    {
        var database = ApiHost.Cluster.CreateDatabase("lunarvoc_kill");
        var port = LoopbackPorts.Free();
        var acknowledged = new ConcurrentBag<DateTimeOffset>();
        var completed = 0;

        using (var first = await ApiProcess.StartAsync(database, port))
        {
            using var writer = first.CreateClient(writer: true);
            using var reader = first.CreateClient();
            using var stop = new CancellationTokenSource();
            var next = -1;
            var load = Enumerable.Range(0, 8).Select(lane => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (lane % 2 == 0)
                        {
                            var i = Interlocked.Increment(ref next);
                            var window = new { start_at = IsoText.Of(Start.AddHours(i)), end_at = IsoText.Of(Start.AddHours(i + 0.5)), source = "load" };
                            using var response = await writer.PostAsJsonAsync("/api/lunar/voc", window, stop.Token);
                            if (response.IsSuccessStatusCode)
                            {
                                acknowledged.Add(Start.AddHours(i));
                            }
                        }
                        else
                        {
                            using var response = await reader.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative), stop.Token);
                        }

                        Interlocked.Increment(ref completed);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToList();

            // Kill once real load has gone through, with requests still in flight.
            for (var wait = 0; wait < 6_000 && Volatile.Read(ref completed) < 300; wait++)
            {
                await Task.Delay(10);
            }

            Assert.That(Volatile.Read(ref completed), Is.GreaterThanOrEqualTo(300), "load went through before the kill");

            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        using var second = await ApiProcess.StartAsync(database, port);
        using var client = second.CreateClient(writer: true);
        using var status = await client.GetAsync(new Uri("/api/lunar/voc/status", UriKind.Relative));
        using var write = await client.PostAsJsonAsync("/api/lunar/voc", new { start_at = IsoText.Of(Start.AddYears(1)), end_at = IsoText.Of(Start.AddYears(1).AddHours(1)), source = "after" });

        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var rows = await VocWindowTable.ReadAllAsync(database);
        Assert.That(acknowledged, Is.Not.Empty);
        Assert.That(rows.Select(r => r.Start), Is.SupersetOf(acknowledged));
        Assert.That(await VocWindowTable.CountInvalidRowsAsync(database), Is.Zero);
    }
}
