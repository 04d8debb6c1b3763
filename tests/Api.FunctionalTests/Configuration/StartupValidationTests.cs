using LunarVoc.Application;
using LunarVoc.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LunarVoc.Api.FunctionalTests.Configuration;

/// <summary>Every options class is validated when the host starts (IStartupValidator), not on first use.</summary>
[TestFixture]
public sealed class StartupValidationTests
{
    private static void ValidateAtStartUp(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=x" })
            .AddInMemoryCollection(settings)
            .Build();
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddApplication(configuration)
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Test]
    public void The_default_settings_are_valid()
    {
        Assert.DoesNotThrow(() => ValidateAtStartUp(new Dictionary<string, string?>()));
    }

    [TestCase("Caching:StatusTtlSeconds", "0", "StatusTtlSeconds")]
    [TestCase("VocQueries:StatusLookaheadHours", "12", "StatusLookaheadHours")]
    [TestCase("Database:ConnectTimeoutSeconds", "0", "ConnectTimeoutSeconds")]
    [TestCase("Retry:BudgetSeconds", "0", "BudgetSeconds")]
    [TestCase("ConnectionStrings:Postgres", "not a connection string", "ConnectionStrings:Postgres")]
    [TestCase("ConnectionStrings:Postgres", "", "ConnectionStrings:Postgres")]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStartUp(new Dictionary<string, string?> { [key] = value }));

        Assert.That(error!.Message, Does.Contain(named));
    }
}
