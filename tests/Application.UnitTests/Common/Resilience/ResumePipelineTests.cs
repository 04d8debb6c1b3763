using LunarVoc.Application.Common.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Registry;

namespace LunarVoc.Application.UnitTests.Common.Resilience;

/// <summary>The pipeline every background loop resumes with: it ends only when the service stops, since a loop that ends stops the host.</summary>
[TestFixture]
public sealed class ResumePipelineTests
{
    private ServiceProvider _services = null!;
    private ResiliencePipeline _resume = null!;

    [SetUp]
    public void BuildPipeline()
    {
        _services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(TimeProvider.System)
            .AddLunarVocResilience()
            .BuildServiceProvider();
        _resume = _services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(ResiliencePipelines.Resume);
    }

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    /// <summary>A cancellation that is not the stop (a timeout inside a round) is a failure like any other.</summary>
    [TestCase(typeof(OperationCanceledException))]
    [TestCase(typeof(InvalidOperationException))]
    public async Task A_failure_that_is_not_the_stop_is_tried_again(Type failure)
    {
        var calls = 0;
        var result = await _resume.ExecuteAsync(
            _ => ++calls < 3 ? throw (Exception)Activator.CreateInstance(failure, "a round failed")! : ValueTask.FromResult(calls),
            CancellationToken.None);

        Assert.That(result, Is.EqualTo(3));
    }

    [Test]
    public void The_stop_ends_it_at_once()
    {
        using var stopping = new CancellationTokenSource();
        var calls = 0;

        Assert.ThrowsAsync<OperationCanceledException>(async () => await _resume.ExecuteAsync(
            token =>
            {
                calls++;
                stopping.Cancel();
                token.ThrowIfCancellationRequested();
                return ValueTask.FromResult(0);
            },
            stopping.Token));
        Assert.That(calls, Is.EqualTo(1));
    }
}
