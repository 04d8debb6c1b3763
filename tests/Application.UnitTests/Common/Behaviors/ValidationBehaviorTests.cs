using FluentValidation;
using LunarVoc.Application.Common.Behaviors;
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

    [Test]
    public void Every_message_with_a_validator_is_marked_for_the_validation_behavior()
    {
        // The behavior applies to IValidated messages only: a validator whose message lacks the mark would never run.
        var validated = typeof(IValidated).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(contract => contract.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        Assert.That(validated, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(validated.Where(message => !typeof(IValidated).IsAssignableFrom(message)), Is.Empty);
    }
}
