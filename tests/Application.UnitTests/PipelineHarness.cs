using System.Collections.Immutable;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Hosting;
using LunarVoc.Application.Ephemeris;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.Changes;
using LunarVoc.Application.Webhooks;
using LunarVoc.Domain.VocWindows;
using Mediator;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LunarVoc.Application.UnitTests;

/// <summary>The real Mediator pipeline from AddApplication, with a mocked repository and a fake clock.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public PipelineHarness(IDictionary<string, string?>? settings = null, Random? random = null, IEphemeris? calculator = null)
    {
        // A long soft timeout unless a test is about it: the fake clock only moves when a test moves it.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Caching:SoftTimeoutMilliseconds"] = "60000" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(random ?? new Random(7))
            .AddSingleton(Repository.Object)
            .AddSingleton(calculator ?? Calculator.Object)
            .AddSingleton(ExclusiveLock.Object)
            .AddSingleton(ChangeFeed.Object)
            .AddSingleton(Webhooks.Object)
            .AddSingleton(WebhookTargets.Object)
            .AddSingleton(WebhookDeliveries.Object);
        // As the service composes it (Infrastructure): HybridCache, its memory level on the test's clock.
        services.AddHybridCache();
        services.AddOptions<MemoryCacheOptions>().Configure(options => options.Clock = new FakeClock(Time));
        services.AddApplication(configuration);
        _provider = services.BuildServiceProvider();
        Sender = _provider.GetRequiredService<ISender>();
    }

    public FakeTimeProvider Time { get; } = new(Noon);

    public Mock<IVocWindowRepository> Repository { get; } = new(MockBehavior.Strict);

    public Mock<IEphemeris> Calculator { get; } = new(MockBehavior.Strict);

    public Mock<IExclusiveLock> ExclusiveLock { get; } = new(MockBehavior.Strict);

    public Mock<IWindowChangeFeed> ChangeFeed { get; } = new();

    public Mock<IWebhookStore> Webhooks { get; } = new(MockBehavior.Strict);

    public Mock<IWebhookTargetCheck> WebhookTargets { get; } = new(MockBehavior.Strict);

    public Mock<IWebhookDeliveries> WebhookDeliveries { get; } = new();

    public WindowChanges Changes => _provider.GetRequiredService<WindowChanges>();

    public ISender Sender { get; }

    public CacheStatistics Statistics => _provider.GetRequiredService<CacheStatistics>();

    public static DataSourceUnavailableException Transient() => new("connection refused", isTransient: true, new IOException("refused"));

    public static ImmutableArray<VocWindow> Windows(params string[] sources) =>
        [.. sources.Select((source, i) => new VocWindow(i + 1, Noon.AddHours(i + 1), Noon.AddHours(i + 2), source))];

    public int ReadCount => Repository.Invocations.Count(i => i.Method.Name == nameof(IVocWindowRepository.GetWindowsAsync));

    /// <summary>Sends, moving the fake clock on while the pipeline waits on it (retry delays, soft timeout).</summary>
    public async Task<T> SendAdvancing<T>(Func<ValueTask<T>> send, TimeSpan? step = null)
    {
        var task = send().AsTask();
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            Time.Advance(step ?? TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        return await task;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private sealed class FakeClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
