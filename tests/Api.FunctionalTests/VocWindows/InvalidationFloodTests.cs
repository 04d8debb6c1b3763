using System.Net;
using Microsoft.Extensions.Logging;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

/// <summary>A key holder floods the service with writes, each followed by reads: the log grows by a summary, not a line per write.</summary>
[TestFixture]
public sealed class InvalidationFloodTests : VocEndpointTestBase
{
    [Test]
    public async Task Two_hundred_writes_each_followed_by_reads_write_a_handful_of_log_lines()
    {
        await GetJson("/api/lunar/voc/status");
        var linesBefore = Lines();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            using var post = await PostWindow(Noon.AddHours(1 + i), Noon.AddHours(1.5 + i), $"flood-{i}");
            codes.Add(post.StatusCode);
            await GetJson("/api/lunar/voc/status");
            await GetJson("/api/lunar/voc/current");
        }

        var flood = Factory.Logs.Entries.Skip(linesBefore.Count).Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.That(codes, Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(flood.Count(e => e.Message.Contains("Caches cleared", StringComparison.Ordinal)), Is.LessThanOrEqualTo(1), "one summary a minute");
        Assert.That(flood, Has.Count.LessThanOrEqualTo(6), string.Join('\n', flood.Select(e => e.Message)));
    }

    private List<string> Lines() => [.. Factory.Logs.Entries.Select(e => e.Message)];
}
