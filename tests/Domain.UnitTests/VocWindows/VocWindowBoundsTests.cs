using System.Text.RegularExpressions;
using LunarVoc.Domain.VocWindows;

namespace LunarVoc.Domain.UnitTests.VocWindows;

[TestFixture]
public sealed class VocWindowBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 10, 0, TimeSpan.Zero);

    [TestCase(1, true)]
    [TestCase(0, false)]
    [TestCase(-1, false)]
    public void A_range_is_valid_only_when_the_end_is_after_the_start(int endOffsetSeconds, bool expected)
    {
        Assert.That(VocWindowBounds.IsValidRange(Start, Start.AddSeconds(endOffsetSeconds)), Is.EqualTo(expected));
    }

    [TestCase("ephemeris", true)]
    [TestCase("astro-api_v2.1", true)]
    [TestCase("has space", false)]
    [TestCase("semi;colon", false)]
    [TestCase("", false)]
    public void Source_pattern_allows_letters_digits_dash_underscore_and_dot(string source, bool expected)
    {
        Assert.That(Regex.IsMatch(source, VocWindowBounds.SourcePattern), Is.EqualTo(expected));
    }
}
