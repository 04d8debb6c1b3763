namespace LunarVoc.Application.VocWindows;

/// <summary>The cached reads of stored windows, and the tag every change to the windows invalidates.</summary>
public static class VocCaches
{
    public const string Status = "voc_status";
    public const string Current = "voc_current";

    public static readonly IReadOnlyList<string> WindowTags = ["voc-windows"];
}
