namespace LunarVoc.Domain.VocWindows;

/// <summary>The rules every window obeys, whoever supplies it.</summary>
public static class VocWindowBounds
{
    public const int MaxSourceLength = 64;

    /// <summary>Letters, digits, '-', '_' and '.' only.</summary>
    public const string SourcePattern = "^[A-Za-z0-9._-]+$";

    public static bool IsValidRange(DateTimeOffset startAt, DateTimeOffset endAt) => endAt > startAt;
}
