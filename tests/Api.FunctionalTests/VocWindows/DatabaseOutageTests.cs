using System.Net;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

[TestFixture]
public sealed class DatabaseOutageTests : VocEndpointTestBase
{
    [Test]
    public async Task With_the_database_down_reads_and_writes_answer_503_with_retry_after_not_500()
    {
        ApiHost.Cluster.Halt();
        try
        {
            using var status = await Client.GetAsync("/api/lunar/voc/status");
            using var save = await PostWindow(Noon, Noon.AddHours(1));

            foreach (var response in new[] { status, save })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(response.Headers.RetryAfter, Is.Not.Null);
                Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("   at "));
            }
        }
        finally
        {
            ApiHost.Cluster.Resume();
        }

        using var recovered = await Client.GetAsync("/api/lunar/voc/status");
        Assert.That(recovered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
