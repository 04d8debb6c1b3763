namespace LunarVoc.Infrastructure.Persistence;

/// <summary>Npgsql reads timestamptz as a UTC DateTime; the service speaks DateTimeOffset.</summary>
internal static class Utc
{
    public static DateTimeOffset Of(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
