using LunarVoc.Application.Common.Hosting;

namespace LunarVoc.Application.VocWindows.Changes;

/// <summary>
/// Tells this instance's listeners (the status streams' broadcaster, the webhook scheduler) that the
/// stored windows changed — here or, through the database's notifications, on another instance.
/// </summary>
public sealed class WindowChanges : ChangeSignal;
