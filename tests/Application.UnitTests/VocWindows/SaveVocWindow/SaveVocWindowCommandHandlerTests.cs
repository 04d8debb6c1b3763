using LunarVoc.Application.VocWindows;
using LunarVoc.Application.VocWindows.SaveVocWindow;
using LunarVoc.Domain.VocWindows;
using Moq;

namespace LunarVoc.Application.UnitTests.VocWindows.SaveVocWindow;

[TestFixture]
public sealed class SaveVocWindowCommandHandlerTests
{
    [Test]
    public async Task Stores_the_window_in_utc_and_returns_what_the_store_says()
    {
        var paris = TimeSpan.FromHours(1);
        var command = new SaveVocWindowCommand(
            new DateTimeOffset(2026, 11, 24, 4, 10, 0, paris),
            new DateTimeOffset(2026, 11, 24, 20, 42, 0, paris),
            "ephemeris");
        var startUtc = new DateTimeOffset(2026, 11, 24, 3, 10, 0, TimeSpan.Zero);
        var endUtc = new DateTimeOffset(2026, 11, 24, 19, 42, 0, TimeSpan.Zero);
        var stored = new SaveResult(SaveOutcome.Created, new VocWindow(17, startUtc, endUtc, "ephemeris"));
        var repository = new Mock<IVocWindowRepository>();
        repository
            .Setup(r => r.SaveAsync(
                It.Is<DateTimeOffset>(d => d == startUtc && d.Offset == TimeSpan.Zero),
                It.Is<DateTimeOffset>(d => d == endUtc && d.Offset == TimeSpan.Zero),
                "ephemeris",
                false,
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(stored);
        var handler = new SaveVocWindowCommandHandler(repository.Object);

        var result = await handler.Handle(command, CancellationToken.None);

        Assert.That(result, Is.SameAs(stored));
        repository.VerifyAll();
    }
}
