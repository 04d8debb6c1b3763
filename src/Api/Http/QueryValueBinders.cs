using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Http;

/// <summary>
/// Binds query parameters the framework would read too loosely — instants without an offset, time
/// zones by any name, enums by number, numbers with a stock message — by the API's own rules, with a 400 error that names the parameter.
/// </summary>
public sealed partial class QueryValueBinderProvider : IModelBinderProvider
{
    private static readonly QueryValueBinder Instants = new(
        text => IsoInstant.TryParseQueryValue(text, out var instant) ? instant : null,
        text => $"'{text}' is not {IsoInstant.Expected}, nor a date such as 2026-11-24 (taken as midnight UTC).");

    private static readonly QueryValueBinder WholeNumbers = new(
        text => int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
        text => $"'{text}' is not a whole number.");

    private static readonly QueryValueBinder TimeZones = new(
        FindIanaZone,
        name => $"'{name}' is not a known IANA time zone name, such as Europe/Paris or America/New_York.");

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.ModelType == typeof(TimeZoneInfo))
        {
            return TimeZones;
        }

        if (context.BindingInfo.BindingSource != BindingSource.Query)
        {
            return null;
        }

        var type = context.Metadata.UnderlyingOrModelType;
        return type == typeof(DateTimeOffset) ? Instants : type == typeof(int) ? WholeNumbers : type.IsEnum ? EnumValues(type) : null;
    }

    /// <summary>An enum by its name in the API (snake_case, any case), never by number.</summary>
    private static QueryValueBinder EnumValues(Type type)
    {
        var names = Enum.GetValues(type).Cast<object>().ToDictionary(
            value => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!), StringComparer.OrdinalIgnoreCase);
        var expected = string.Join(", ", names.Keys);
        return new QueryValueBinder(text => names.GetValueOrDefault(text), text => $"'{text}' is not one of: {expected}.");
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

    private sealed class QueryValueBinder(Func<string, object?> parse, Func<string, string> error) : IModelBinder
    {
        private const int LongestEcho = 64;

        /// <summary>The value as the error quotes it: enough to recognise, never an echo of kilobytes.</summary>
        private static string Shown(string text) => text.Length <= LongestEcho ? text : $"{text[..LongestEcho]}…";

        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            var text = result.FirstValue ?? string.Empty;
            if (parse(text) is { } value)
            {
                bindingContext.Result = ModelBindingResult.Success(value);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error(Shown(text)));
            }

            return Task.CompletedTask;
        }
    }
}
