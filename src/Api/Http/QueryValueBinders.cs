using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Http;

/// <summary>
/// Binds query parameters the framework would read too loosely — instants without an offset, time
/// zones by any name — by the API's own rules, with a 400 error that names the parameter.
/// </summary>
public sealed class QueryValueBinderProvider : IModelBinderProvider
{
    private static readonly QueryValueBinder Instants = new(
        text => IsoInstant.TryParseQueryValue(text, out var instant) ? instant : null,
        text => $"'{text}' is not {IsoInstant.Expected}, nor a date such as 2026-11-24 (taken as midnight UTC).");

    private static readonly QueryValueBinder TimeZones = new(
        name => name.Length is > 0 and <= 64 && !name.Contains("..", StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null,
        name => $"'{name}' is not a known IANA time zone name, such as Europe/Paris or America/New_York.");

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.ModelType == typeof(TimeZoneInfo))
        {
            return TimeZones;
        }

        return context.Metadata.UnderlyingOrModelType == typeof(DateTimeOffset) && context.BindingInfo.BindingSource == BindingSource.Query
            ? Instants
            : null;
    }

    private sealed class QueryValueBinder(Func<string, object?> parse, Func<string, string> error) : IModelBinder
    {
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
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error(text));
            }

            return Task.CompletedTask;
        }
    }
}
