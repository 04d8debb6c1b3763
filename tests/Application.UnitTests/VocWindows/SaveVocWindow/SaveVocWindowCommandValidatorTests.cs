using LunarVoc.Application.VocWindows.SaveVocWindow;

namespace LunarVoc.Application.UnitTests.VocWindows.SaveVocWindow;

[TestFixture]
public sealed class SaveVocWindowCommandValidatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 10, 0, TimeSpan.Zero);
    private readonly SaveVocWindowCommandValidator _validator = new();

    [Test]
    public void A_well_formed_window_is_valid()
    {
        var result = _validator.Validate(new SaveVocWindowCommand(Start, Start.AddHours(16), "ephemeris"));

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
    }

    [TestCase(0, "EndAt")]
    [TestCase(-3600, "EndAt")]
    public void End_must_be_after_start(int endOffsetSeconds, string property)
    {
        var result = _validator.Validate(new SaveVocWindowCommand(Start, Start.AddSeconds(endOffsetSeconds), "ephemeris"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { property }));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("drop;table")]
    public void Source_must_be_a_plain_token(string source)
    {
        var result = _validator.Validate(new SaveVocWindowCommand(Start, Start.AddHours(1), source));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EquivalentTo(new[] { "Source" }));
    }

    [Test]
    public void Source_may_not_exceed_64_characters()
    {
        var tooLong = new string('a', 65);

        var result = _validator.Validate(new SaveVocWindowCommand(Start, Start.AddHours(1), tooLong));
        var longest = _validator.Validate(new SaveVocWindowCommand(Start, Start.AddHours(1), tooLong[..64]));

        Assert.That(result.IsValid, Is.False);
        Assert.That(longest.IsValid, Is.True);
    }
}
