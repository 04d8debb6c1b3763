using FluentValidation;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.SaveVocWindow;
using LunarVoc.Domain.VocWindows;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LunarVoc.Application.UnitTests.Common.Behaviors;

/// <summary>Through the real Mediator pipeline from AddApplication, with only the repository mocked.</summary>
[TestFixture]
public sealed class ValidationBehaviorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 10, 0, TimeSpan.Zero);

    private static (ISender Sender, Mock<IVocWindowRepository> Repository) BuildPipeline()
    {
        var repository = new Mock<IVocWindowRepository>();
        var services = new ServiceCollection()
            .AddApplication(new ConfigurationBuilder().Build())
            .AddSingleton(repository.Object);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ISender>(), repository);
    }

    [Test]
    public void An_invalid_command_is_rejected_before_the_handler_touches_the_store()
    {
        var (sender, repository) = BuildPipeline();

        var error = Assert.ThrowsAsync<ValidationException>(
            async () => await sender.Send(new SaveVocWindowCommand(Start, Start, "")));

        Assert.That(error!.Errors.Select(e => e.PropertyName).Distinct(), Is.EquivalentTo(new[] { "EndAt", "Source" }));
        repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_valid_command_reaches_the_handler()
    {
        var (sender, repository) = BuildPipeline();
        var stored = new SavedVocWindow(new VocWindow(1, Start, Start.AddHours(1), "ok"), Created: true);
        repository
            .Setup(r => r.UpsertAsync(Start, Start.AddHours(1), "ok", It.IsAny<CancellationToken>()))
            .ReturnsAsync(stored);

        var result = await sender.Send(new SaveVocWindowCommand(Start, Start.AddHours(1), "ok"));

        Assert.That(result, Is.SameAs(stored));
    }
}
