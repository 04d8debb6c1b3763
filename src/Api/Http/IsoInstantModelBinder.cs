using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.Http;

/// <summary>Binds DateTimeOffset query parameters by <see cref="IsoInstant"/>'s rules, with an error that names the parameter.</summary>
public sealed class IsoInstantModelBinder : IModelBinder
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
        if (IsoInstant.TryParseQueryValue(text, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName, $"'{text}' is not {IsoInstant.Expected}, nor a date such as 2026-11-24 (taken as midnight UTC).");
        }

        return Task.CompletedTask;
    }
}

public sealed class IsoInstantModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateTimeOffset) && context.BindingInfo.BindingSource == BindingSource.Query
            ? new IsoInstantModelBinder()
            : null;
}
