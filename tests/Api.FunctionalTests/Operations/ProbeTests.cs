using System.Net;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LunarVoc.Api.FunctionalTests.Operations;

/// <summary>Probes and scrapes are cheap and read-only, say nothing internal, and see a missing schema.</summary>
[TestFixture]
public sealed class ProbeTests : VocEndpointTestBase
{
    [TearDown]
    public void EnsureDatabaseRuns() => ApiHost.Cluster.EnsureRunning();

    [Test]
    public async Task Readiness_is_answered_from_a_report_at_most_a_second_old()
    {
        using var first = await Client.GetAsync("/health/ready");
        ApiHost.Cluster.Halt();
        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            using var probe = await Client.GetAsync("/health/ready");
            flood.Add(probe.StatusCode);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        using var afterASecond = await Client.GetAsync("/health/ready");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(flood, Is.All.EqualTo(HttpStatusCode.OK), "within the second: the same report, no database check");
        Assert.That(afterASecond.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(first.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Readiness_names_no_host_port_or_version()
    {
        using var healthy = await Client.GetAsync("/health/ready");
        ApiHost.Cluster.Halt();
        Time.Advance(TimeSpan.FromSeconds(1));
        using var unhealthy = await Client.GetAsync("/health/ready");

        foreach (var response in new[] { healthy, unhealthy })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(text, Does.Contain("\"postgresql\""));
            Assert.That(text, Does.Not.Contain("127.0.0.1").And.Not.Contain(ApiHost.Cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Not.Contain("Npgsql"));
        }
    }

    [Test]
    public async Task Metrics_name_no_listening_address_port_or_sdk_version()
    {
        using var status = await Client.GetAsync("/api/lunar/voc/status");
        using var metrics = await Client.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.That(text, Does.Contain("http_server_request_duration_seconds"));
        Assert.That(text, Does.Not.Contain("server_address").And.Not.Contain("server_port").And.Not.Contain("telemetry_sdk").And.Not.Contain("pool_name"));
    }

    [TestCase("POST", "/metrics")]
    [TestCase("PUT", "/metrics")]
    [TestCase("DELETE", "/health/live")]
    [TestCase("POST", "/health/ready")]
    [TestCase("PATCH", "/health/ready")]
    public async Task Probes_and_metrics_answer_only_get_and_head(string method, string path)
    {
        using var refused = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_dropped_table_is_a_database_fault_stale_or_503_and_not_ready()
    {
        var database = ApiHost.Cluster.CreateDatabase($"lunarvoc_dropped_{Guid.NewGuid():N}");
        await using var factory = new LunarVocApiFactory(Time, new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database });
        using var client = factory.CreateWriterClient();
        using var saved = await client.PostAsync("/api/lunar/voc", new StringContent(
            """{"start_at":"2026-11-24T11:00:00Z","end_at":"2026-11-24T15:00:00Z","source":"before-drop"}""", System.Text.Encoding.UTF8, "application/json"));
        using var warm = await client.GetAsync("/api/lunar/voc/status");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE voc_windows", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Time.Advance(TimeSpan.FromSeconds(121));
        using var status = await SendAdvancingClock(() => client.GetAsync("/api/lunar/voc/status"));
        using var byId = await SendAdvancingClock(() => client.GetAsync("/api/lunar/voc/1"));
        using var list = await SendAdvancingClock(() => client.GetAsync("/api/lunar/voc/windows?from=2026-11-01&to=2026-12-01"));
        using var ready = await client.GetAsync("/health/ready");

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(status.Headers.GetValues("X-Cache").Single(), Is.EqualTo("STALE"));
        foreach (var refused in new[] { byId, list })
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await refused.Content.ReadAsStringAsync());
            Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        }

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("Unhealthy"));
    }
}
