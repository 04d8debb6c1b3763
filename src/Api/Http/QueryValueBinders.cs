using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Http;

/// <summary>
/// Binds query parameters the framework would read too loosely — instants without an offset, time
/// zones by any name, enums by number, numbers with a stock message — by the API's own rules, with a 400 error that names the parameter.
/// </summary>
public sealed class QueryValueBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.ModelType == typeof(TimeZoneInfo))
        {
            return new QueryValueBinder(QueryValueRule.TimeZones);
        }

        return context.BindingInfo.BindingSource == BindingSource.Query && QueryValueRule.For(context.Metadata.UnderlyingOrModelType) is { } rule
            ? new QueryValueBinder(rule)
            : null;
    }

    private sealed class QueryValueBinder(QueryValueRule rule) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            if (rule.Read(result.FirstValue ?? string.Empty, out var error) is { } value)
            {
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error!);
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// How a value sent as text (a query parameter, or a tool's argument) becomes a value — instants
/// without an offset refused, time zones by their exact IANA names, enums by the API's names, never
/// by number — and the error that says what was expected when it does not.
/// </summary>
public sealed partial class QueryValueRule(Func<string, object?> parse, Func<string, string> error)
{
    private const int LongestEcho = 64;

    public static readonly QueryValueRule Instants = new(
        text => IsoInstant.TryParseQueryValue(text, out var instant) ? instant : null,
        text => $"'{text}' is not {IsoInstant.Expected}, nor a date such as 2026-11-24 (taken as midnight UTC).");

    public static readonly QueryValueRule WholeNumbers = new(
        text => int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
        text => $"'{text}' is not a whole number.");

    public static readonly QueryValueRule Numbers = new(
        text => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && text.Length <= 32 ? number : null,
        text => $"'{text}' is not a decimal number such as 48.8566.");

    public static readonly QueryValueRule Dates = new(
        text => DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null,
        text => $"'{text}' is not a calendar date such as 2026-11-24.");

    public static readonly QueryValueRule TimeZones = new(
        FindIanaZone,
        name => $"'{name}' is not a known IANA time zone name, such as Europe/Paris or America/New_York.");

    /// <summary>The rule for values of <paramref name="type"/>; null when the framework's own reading is right for it.</summary>
    public static QueryValueRule? For(Type type) =>
        type == typeof(DateTimeOffset) ? Instants
        : type == typeof(int) ? WholeNumbers
        : type == typeof(double) ? Numbers
        : type == typeof(DateOnly) ? Dates
        : type == typeof(TimeZoneInfo) ? TimeZones
        : type.IsEnum ? EnumValues(type)
        : null;

    /// <summary>The value, or null with the error naming what was expected (quoting at most 64 characters of the text).</summary>
    public object? Read(string text, out string? problem)
    {
        var value = parse(text);
        problem = value is null ? error(text.Length <= LongestEcho ? text : $"{text[..LongestEcho]}…") : null;
        return value;
    }

    /// <summary>An enum by its name in the API (snake_case, any case), never by number.</summary>
    private static QueryValueRule EnumValues(Type type)
    {
        var names = Enum.GetValues(type).Cast<object>().ToDictionary(
            value => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!), StringComparer.OrdinalIgnoreCase);
        var expected = string.Join(", ", names.Keys);
        return new QueryValueRule(text => names.GetValueOrDefault(text), text => $"'{text}' is not one of: {expected}.");
    }

    /// <summary>
    /// A zone by its IANA name exactly as the database spells it. The system also resolves
    /// file-system spellings such as Europe//Paris and keeps every spelling it resolved for the life of
    /// the process; refusing them bounds the zones held by the IANA database, not by what clients send.
    /// </summary>
    private static TimeZoneInfo? FindIanaZone(string name) =>
        IanaName().IsMatch(name)
        && !NotZones.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
        && string.Equals(zone.Id, name, StringComparison.Ordinal)
            ? zone
            : null;

    /// <summary>Files of the zone database that are not zone names: copies under other rules, and the server's own zone.</summary>
    private static readonly string[] NotZones = ["posix/", "right/", "localtime", "posixrules", "Factory"];

    /// <summary>One to three segments of letters, digits, '_', '+' and '-', each starting with a letter or digit.</summary>
    [GeneratedRegex(@"^(?=.{1,64}\z)[A-Za-z0-9][A-Za-z0-9_+-]*(/[A-Za-z0-9][A-Za-z0-9_+-]*){0,2}\z")]
    private static partial Regex IanaName();
}
