using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Http;

/// <summary>Binds a <c>tz</c> query parameter to an IANA time zone, or a 400 naming it.</summary>
public sealed class TimeZoneModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var name = result.FirstValue ?? string.Empty;
        if (name.Length is > 0 and <= 64 && !name.Contains("..", StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            bindingContext.Result = ModelBindingResult.Success(zone);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"'{name}' is not a known IANA time zone name, such as Europe/Paris or America/New_York.");
        }

        return Task.CompletedTask;
    }
}

public sealed class TimeZoneModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(TimeZoneInfo) ? new TimeZoneModelBinder() : null;
}
