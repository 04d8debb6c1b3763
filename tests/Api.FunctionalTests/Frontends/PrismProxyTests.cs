using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using LunarVoc.Api.FunctionalTests.Process;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// Stoplight Prism, a validator the service does not use itself, as a proxy in front of a live
/// instance: a scripted set of requests covering every operation and the statuses it declares (nulls
/// included: a provider's window without signs, no current window, a Moon with and without a void)
/// goes through it, and Prism must report no violation (its sl-violations header) for any of them.
/// The stream's 200 never ends, so a buffering proxy cannot pass it: its refusal (429) goes through.
/// HEAD does not go through either: Prism 5.16 parses the empty body of a HEAD answer as JSON and
/// fails (500); the HEAD operations are checked against the document with the functional traffic.
/// Deliberately bad requests are reported by Prism as request violations: only the answers must be clean.
/// </summary>
[TestFixture]
public sealed class PrismProxyTests
{
    [Test]
    public async Task Every_operation_and_status_passes_a_validating_proxy_without_violations()
    {
        var prism = ContractTools.Tool("prism");
        using var api = await ApiProcess.StartAsync(ApiHost.Cluster.CreateDatabase($"lunarvoc_prism_{Guid.NewGuid():N}"), LoopbackPorts.Free(), new Dictionary<string, string>
        {
            ["RateLimiting__Enabled"] = "true",
            ["RateLimiting__ReadsPerWindow"] = "120",
            ["Streams__MaxPerClient"] = "1",
        });
        var document = Path.Combine(Path.GetTempPath(), $"lunarvoc-openapi-{Guid.NewGuid():N}.json");
        using (var direct = api.CreateClient())
        {
            await File.WriteAllTextAsync(document, await direct.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        }

        var port = LoopbackPorts.Free();
        using var proxy = StartProxy(prism, document, api.Address, port);
        try
        {
            await CheckThroughAsync(proxy, port, api);
        }
        finally
        {
            // Disposing a Process object leaves the process running: Prism is stopped here, its children with it.
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
            File.Delete(document);
        }
    }

    private static async Task CheckThroughAsync(System.Diagnostics.Process proxy, int port, ApiProcess api)
    {
        await WaitUntilListeningAsync(proxy, port);
        using var reader = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var writer = new HttpClient { BaseAddress = reader.BaseAddress, Timeout = reader.Timeout };
        writer.DefaultRequestHeaders.Add("X-Api-Key", LunarVocApiFactory.WriterKey);
        var seen = new List<(string Request, int Status, string Violations)>();

        async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? json = null, string? ifNoneMatch = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }

            var response = await client.SendAsync(request);
            var violations = response.Headers.TryGetValues("sl-violations", out var values)
                ? JsonNode.Parse(values.First())!.AsArray().Where(violation => violation!["location"]![0]!.GetValue<string>() == "response").Select(violation => violation!.ToJsonString())
                : [];
            seen.Add(($"{method} {path}", (int)response.StatusCode, string.Join(' ', violations)));
            return response;
        }

        var now = DateTimeOffset.UtcNow;
        string Instant(TimeSpan offset) => (now + offset).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        string Window(TimeSpan start, TimeSpan end, string source = "prism") => $$"""{"start_at":"{{Instant(start)}}","end_at":"{{Instant(end)}}","source":"{{source}}"}""";

        // Nothing stored: current and next are null.
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/status");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/current");
        // A provider's windows, without signs: one now, one ahead.
        var created = await Send(writer, HttpMethod.Post, "/api/lunar/voc", Window(TimeSpan.FromHours(-1), TimeSpan.FromHours(1)));
        await Send(writer, HttpMethod.Post, "/api/lunar/voc", Window(TimeSpan.FromHours(30), TimeSpan.FromHours(32)));
        await Send(writer, HttpMethod.Post, "/api/lunar/voc", Window(TimeSpan.FromHours(30), TimeSpan.FromHours(32)));
        await Send(writer, HttpMethod.Post, "/api/lunar/voc", Window(TimeSpan.FromHours(31), TimeSpan.FromHours(33)));
        await Send(writer, HttpMethod.Post, "/api/lunar/voc", """{"start_at":"2026-01-01T00:00:00Z"}""");
        await Send(reader, HttpMethod.Post, "/api/lunar/voc", Window(TimeSpan.FromHours(50), TimeSpan.FromHours(51)));
        var id = created.Headers.Location!.ToString().Split('/')[^1];

        await Send(reader, HttpMethod.Get, "/api/lunar/voc/status?tz=Europe/Paris");
        var status = await Send(reader, HttpMethod.Get, "/api/lunar/voc/status");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/status", ifNoneMatch: status.Headers.ETag?.Tag);
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/status?tz=Mars/Olympus");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/current?tz=Europe/Paris");
        await Send(reader, HttpMethod.Get, $"/api/lunar/voc/{id}");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/404404");
        await Send(reader, HttpMethod.Get, $"/api/lunar/voc/windows?from={now:yyyy-MM-dd}&to={Instant(TimeSpan.FromDays(3))}&limit=1");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/windows?from=soon&to=later");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/ephemeris?from=2025-01-01&to=2025-02-01&planets=traditional&tz=Europe/Paris");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/ephemeris?from=2025-01-01&to=2045-01-01");
        for (var hour = 0; hour < 72; hour += 6)
        {
            // Over three days the Moon is void at some instants and not at others: void is null and not.
            await Send(reader, HttpMethod.Get, $"/api/lunar/moon?at=2026-01-0{1 + (hour / 24)}T{hour % 24:00}:00:00Z");
        }

        await Send(reader, HttpMethod.Get, "/api/lunar/moon?at=2026-01-03&tz=Europe/Paris");
        await Send(reader, HttpMethod.Get, "/api/lunar/moon?at=1066-10-14");
        await Send(reader, HttpMethod.Get, "/api/lunar/moon/phases?from=2026-01-01&to=2026-02-01&tz=Europe/Paris");
        await Send(reader, HttpMethod.Get, "/api/lunar/moon/phases?from=2026-02-01&to=2026-01-01");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/calendar.ics?days=7&include=phases");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/calendar.ics?days=0");
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/cache_stats");
        await Send(writer, HttpMethod.Post, "/api/lunar/voc/cache/invalidate");
        await Send(reader, HttpMethod.Post, "/api/lunar/voc/cache/invalidate");

        // One stream held directly (not through the proxy), so the next through it is refused: 429.
        using var direct2 = api.CreateClient();
        using var held = await direct2.GetAsync(new Uri("/api/lunar/voc/status/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await Send(reader, HttpMethod.Get, "/api/lunar/voc/status/stream");

        // The read budget, spent: 429 with its problem and Retry-After.
        for (var i = 0; i < 150 && seen[^1].Status != 429; i++)
        {
            (await Send(reader, HttpMethod.Get, "/api/lunar/voc/status")).Dispose();
        }

        var statuses = seen.Select(entry => entry.Status).ToHashSet();
        Assert.That(statuses, Is.SupersetOf(new[] { 200, 201, 304, 400, 401, 404, 409, 429 }), "the script reaches every kind of answer");
        Assert.That(seen.Where(entry => entry.Violations.Length > 0).Select(entry => $"{entry.Request} → {entry.Status}: {entry.Violations}"), Is.Empty);
    }

    private static System.Diagnostics.Process StartProxy(string prism, string document, Uri upstream, int port)
    {
        var startInfo = new ProcessStartInfo(prism)
        {
            ArgumentList = { "proxy", document, upstream.ToString().TrimEnd('/'), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("Prism did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits (bounded) until Prism accepts connections: its start-up is real work, not a timer.</summary>
    private static async Task WaitUntilListeningAsync(System.Diagnostics.Process proxy, int port)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.That(proxy.HasExited, Is.False, "Prism exited during start-up");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail("Prism did not listen within a minute");
    }
}
