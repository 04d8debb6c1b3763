namespace LunarVoc.Application.VocWindows.SaveVocWindow;

/// <summary>A void-of-course window to store.</summary>
/// <param name="StartAt" example="2026-11-24T03:10:00Z">When the Moon becomes void (ISO-8601 with an offset).</param>
/// <param name="EndAt" example="2026-11-24T19:42:00Z">When the Moon enters the next sign (ISO-8601 with an offset); after start_at.</param>
/// <param name="Source" example="almanac">Who computed the window: 1–64 letters, digits, '-', '_' or '.'.</param>
/// <param name="Replace" example="false">Replace the stored windows this one overlaps instead of reporting the conflict.</param>
public sealed record SaveVocWindowCommand(DateTimeOffset StartAt, DateTimeOffset EndAt, string Source, bool Replace = false)
    : ICommand<SaveResult>, IInvalidatesCache, IValidated
{
    IReadOnlyList<string> IInvalidatesCache.InvalidatedTags => VocWindowSnapshot.Tags;
}

public sealed class SaveVocWindowCommandHandler(IVocWindowRepository repository)
    : ICommandHandler<SaveVocWindowCommand, SaveResult>
{
    public async ValueTask<SaveResult> Handle(SaveVocWindowCommand command, CancellationToken cancellationToken) =>
        await repository.SaveAsync(
            command.StartAt.ToUniversalTime(),
            command.EndAt.ToUniversalTime(),
            command.Source,
            command.Replace,
            cancellationToken).ConfigureAwait(false);
}
