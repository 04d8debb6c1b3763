using System.Net;
using System.Net.Http.Json;
using LunarVoc.Api.FunctionalTests.VocWindows;
using LunarVoc.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.FunctionalTests.Security;

/// <summary>Only callers with an accepted API key write; everyone reads.</summary>
[TestFixture]
public sealed class AccessTests : VocEndpointTestBase
{
    private static object Window => new { start_at = Iso(Noon.AddHours(1)), end_at = Iso(Noon.AddHours(2)), source = "provider" };

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong-key")]
    [TestCase("test-writer-key ")]
    [TestCase("61fb44fd7a10316d790cd0fe37044ed02bf2df77f3a0fec7789b72fb452da6ac")]
    public async Task A_write_without_an_accepted_key_is_401_and_stores_nothing(string? key)
    {
        using var client = Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        }

        using var response = await client.PostAsJsonAsync("/api/lunar/voc", Window);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
        Assert.That(await ApiHost.CountRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task A_write_with_an_accepted_key_is_stored()
    {
        using var response = await Client.PostAsJsonAsync("/api/lunar/voc", Window);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("/api/lunar/voc/status")]
    [TestCase("/api/lunar/voc/current")]
    [TestCase("/api/lunar/voc/cache_stats")]
    [TestCase("/api/lunar/voc/windows?from=2026-11-01&to=2026-12-01")]
    [TestCase("/api/lunar/voc/ephemeris?from=2026-11-01&to=2026-12-01")]
    [TestCase("/api/lunar/moon")]
    [TestCase("/api/lunar/moon/phases?from=2026-11-01&to=2026-12-01")]
    public async Task Reads_need_no_key(string path)
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("Auth:ApiKeys:0", "my-secret-key")]
    [TestCase("Auth:ApiKeys:0", "61FB44FD7A10316D790CD0FE37044ED02BF2DF77F3A0FEC7789B72FB452DA6AC")]
    [TestCase("Cors:AllowedOrigins:0", "app.example.com")]
    [TestCase("RateLimiting:ReadsPerWindow", "0")]
    [TestCase("Limits:MaxRequestBodyBytes", "10")]
    [TestCase("Limits:MaxConnectionsPerClient", "0")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "10.0.0")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")]
    public void A_bad_security_setting_stops_start_up_naming_it(string key, string value)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddApiSecurity();
        using var app = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain(key.Split(':')[1]));
    }
}
