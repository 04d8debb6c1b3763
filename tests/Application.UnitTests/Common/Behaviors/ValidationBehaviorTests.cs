using FluentValidation;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.SaveVocWindow;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.Common.Behaviors;

[TestFixture]
public sealed class ValidationBehaviorTests
{
    private static readonly DateTimeOffset Start = PipelineHarness.Noon;

    [Test]
    public async Task An_invalid_command_is_rejected_before_the_handler_touches_the_store()
    {
        await using var harness = new PipelineHarness();

        var error = Assert.ThrowsAsync<ValidationException>(
            async () => await harness.Sender.Send(new SaveVocWindowCommand(Start, Start, "")));

        Assert.That(error!.Errors.Select(e => e.PropertyName).Distinct(), Is.EquivalentTo(new[] { "EndAt", "Source" }));
        harness.Repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_valid_command_reaches_the_handler()
    {
        await using var harness = new PipelineHarness();
        var stored = new SaveResult(SaveOutcome.Created, new VocWindow(1, Start, Start.AddHours(1), "ok"));
        harness.Repository
            .Setup(r => r.SaveAsync(Start, Start.AddHours(1), "ok", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(stored);

        var result = await harness.Sender.Send(new SaveVocWindowCommand(Start, Start.AddHours(1), "ok"));

        Assert.That(result, Is.SameAs(stored));
    }
}
