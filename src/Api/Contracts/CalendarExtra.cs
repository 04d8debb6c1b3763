namespace LunarVoc.Api.Contracts;

/// <summary>What a calendar feed may carry besides the windows (?include=).</summary>
public enum CalendarExtra
{
    Phases,
}
