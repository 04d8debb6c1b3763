using System.Collections.Immutable;
using FluentValidation;
using LunarVoc.Application.VocWindows.ListVocWindows;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.ListVocWindows;

[TestFixture]
public sealed class ListVocWindowsQueryTests
{
    private static readonly DateTimeOffset From = PipelineHarness.Noon;

    [Test]
    public async Task A_full_page_says_where_the_next_one_starts_and_a_short_page_says_it_is_the_last()
    {
        await using var harness = new PipelineHarness();
        var rows = PipelineHarness.Windows("a", "b", "c");
        harness.Repository.Setup(r => r.ListAsync(From, From.AddDays(1), null, 3, It.IsAny<CancellationToken>())).ReturnsAsync(rows);
        harness.Repository.Setup(r => r.ListAsync(From, From.AddDays(1), rows[1].StartAt, 3, It.IsAny<CancellationToken>())).ReturnsAsync(rows[2..]);

        var first = await harness.Sender.Send(new ListVocWindowsQuery(From, From.AddDays(1), null, 2));
        var last = await harness.Sender.Send(new ListVocWindowsQuery(From, From.AddDays(1), first.NextAfter, 2));

        Assert.That(first.Windows.Select(w => w.Source), Is.EqualTo(new[] { "a", "b" }), "one row more than asked is read, not returned");
        Assert.That(first.NextAfter, Is.EqualTo(rows[1].StartAt));
        Assert.That(last.Windows.Select(w => w.Source), Is.EqualTo(new[] { "c" }));
        Assert.That(last.NextAfter, Is.Null);
    }

    [TestCase(0)]
    [TestCase(501)]
    public async Task A_limit_out_of_range_is_refused_before_the_store_is_read(int limit)
    {
        await using var harness = new PipelineHarness();

        var error = Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new ListVocWindowsQuery(From, From.AddDays(1), null, limit)));

        Assert.That(error!.Errors.Select(e => e.PropertyName), Has.Member(nameof(ListVocWindowsQuery.Limit)));
        Assert.That(harness.Repository.Invocations, Is.Empty);
    }

    [Test]
    public async Task A_range_over_ten_years_or_reversed_is_refused()
    {
        await using var harness = new PipelineHarness();

        Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new ListVocWindowsQuery(From, From.AddYears(11), null, 10)));
        Assert.ThrowsAsync<ValidationException>(async () => await harness.Sender.Send(new ListVocWindowsQuery(From, From.AddDays(-1), null, 10)));
        Assert.That(harness.Repository.Invocations, Is.Empty);
    }
}
