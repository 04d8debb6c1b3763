namespace LunarVoc.Domain.VocWindows;

/// <summary>What storing a computed window does, given the stored windows it overlaps.</summary>
public enum ComputedWindowPlacement
{
    /// <summary>A window from another source overlaps it: that one stands, the computed one is not stored.</summary>
    GiveWay,

    /// <summary>The same window is stored already, with the same details.</summary>
    Unchanged,

    /// <summary>The same bounds are stored with other details (an earlier computation): the details are updated.</summary>
    UpdateDetails,

    /// <summary>Nothing overlaps, or only other computed windows (an earlier computation): they are replaced by this one.</summary>
    Replace,
}

public static class ComputedWindowPlacements
{
    /// <summary>
    /// The rule for the service's own windows: a window posted by any other source wins over a
    /// computed one; among computed windows the latest computation wins.
    /// </summary>
    public static ComputedWindowPlacement Of(ComputedVocWindow window, IReadOnlyCollection<VocWindow> overlapping)
    {
        if (overlapping.Any(stored => stored.Source != ComputedVocWindow.Source))
        {
            return ComputedWindowPlacement.GiveWay;
        }

        if (overlapping.Count == 1 && overlapping.Single() is var same && same.StartAt == window.StartAt && same.EndAt == window.EndAt)
        {
            return same.Details == window.Details ? ComputedWindowPlacement.Unchanged : ComputedWindowPlacement.UpdateDetails;
        }

        return ComputedWindowPlacement.Replace;
    }
}
