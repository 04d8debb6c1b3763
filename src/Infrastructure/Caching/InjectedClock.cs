using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;

namespace LunarVoc.Infrastructure.Caching;

/// <summary>
/// The in-memory cache under HybridCache expires entries by its own clock, which knows nothing of
/// <see cref="TimeProvider"/>. Driving it from the injected clock makes every TTL the caching
/// behavior declares exact, and testable with a fake clock.
/// </summary>
internal sealed class InjectedClock(TimeProvider timeProvider) : ISystemClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();

    public static void Register(IServiceCollection services) =>
        services.AddOptions<MemoryCacheOptions>().Configure<TimeProvider>((options, time) => options.Clock = new InjectedClock(time));
}
