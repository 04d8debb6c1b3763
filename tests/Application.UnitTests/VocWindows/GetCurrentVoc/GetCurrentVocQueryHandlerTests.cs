using LunarVoc.Application.Common.Caching;
using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetCurrentVoc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.GetCurrentVoc;

[TestFixture]
public sealed class GetCurrentVocQueryHandlerTests
{
    [Test]
    public async Task Reads_windows_from_now_to_now_plus_the_current_lookahead()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var repository = new Mock<IVocWindowRepository>();
        repository
            .Setup(r => r.GetWindowsAsync(now, now.AddHours(6), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        var options = Options.Create(new VocQueryOptions { CurrentLookaheadHours = 6 });
        var handler = new GetCurrentVocQueryHandler(repository.Object, new FakeTimeProvider(now), options, Options.Create(new CachingOptions()));

        var snapshot = (await handler.Handle(new GetCurrentVocQuery(), CancellationToken.None)).Snapshot;

        Assert.That(snapshot.Windows, Is.Empty);
        Assert.That(snapshot.FetchedAt, Is.EqualTo(now));
        repository.VerifyAll();
    }
}
