using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.GetVocWindow;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.GetVocWindow;

[TestFixture]
public sealed class GetVocWindowQueryHandlerTests
{
    [Test]
    public async Task Returns_the_window_the_repository_finds_or_null()
    {
        var window = new VocWindow(7, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), "test");
        var repository = new Mock<IVocWindowRepository>();
        repository.Setup(r => r.GetByIdAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(window);
        var handler = new GetVocWindowQueryHandler(repository.Object);

        var found = await handler.Handle(new GetVocWindowQuery(7), CancellationToken.None);
        var missing = await handler.Handle(new GetVocWindowQuery(8), CancellationToken.None);

        Assert.That(found, Is.EqualTo(window));
        Assert.That(missing, Is.Null);
    }
}
