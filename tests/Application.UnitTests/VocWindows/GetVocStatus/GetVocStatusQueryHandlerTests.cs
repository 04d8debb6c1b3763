using System.Collections.Immutable;
using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetVocStatus;
using LunarVoc.Domain.VocWindows;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.GetVocStatus;

[TestFixture]
public sealed class GetVocStatusQueryHandlerTests
{
    [Test]
    public async Task Reads_windows_from_now_to_now_plus_the_status_lookahead_and_stamps_the_read_time()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var window = new VocWindow(1, now.AddHours(1), now.AddHours(3), "test");
        var repository = new Mock<IVocWindowRepository>();
        repository
            .Setup(r => r.GetWindowsAsync(now, now.AddHours(96), It.IsAny<CancellationToken>()))
            .ReturnsAsync([window]);
        var handler = new GetVocStatusQueryHandler(repository.Object, time, Options.Create(new VocQueryOptions()), Options.Create(new CachingOptions()));

        var snapshot = (await handler.Handle(new GetVocStatusQuery(), CancellationToken.None)).Snapshot;

        Assert.That(snapshot.Windows, Is.EqualTo(new[] { window }));
        Assert.That(snapshot.FetchedAt, Is.EqualTo(now));
        repository.Verify(r => r.GetWindowsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
