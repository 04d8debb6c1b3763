using LunarVoc.Application.VocWindows;
using Microsoft.Extensions.DependencyInjection;

namespace LunarVoc.Infrastructure.IntegrationTests.Persistence;

/// <summary>The real repository over the test database, emptied before each test.</summary>
public abstract class RepositoryTestBase
{
    protected static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    protected ServiceProvider Services { get; private set; } = null!;

    protected IVocWindowRepository Repository { get; private set; } = null!;

    [SetUp]
    public async Task StartRepository()
    {
        await TestDatabase.TruncateAsync();
        Services = TestDatabase.BuildServices(TestDatabase.ConnectionString);
        Repository = Services.GetRequiredService<IVocWindowRepository>();
    }

    [TearDown]
    public async Task StopRepository() => await Services.DisposeAsync();

    /// <summary>Saves a window given in hours from <see cref="Noon"/>.</summary>
    protected Task<SaveResult> Save(double startHours, double endHours, string source = "test", bool replace = false) =>
        Repository.SaveAsync(Noon.AddHours(startHours), Noon.AddHours(endHours), source, replace, CancellationToken.None);
}
