using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace LunarVoc.Api.Errors;

/// <summary>
/// The 400 answer for requests that cannot even be bound: the errors the API's binders and body
/// reader recorded (<c>QueryValueBinders</c>, <c>StrictJsonBodyFormatter</c>), keyed by the field's
/// name on the wire, as they wrote them. The framework's own binding messages are the API's too
/// (<see cref="UseApiMessages"/>), so nothing here reads or rewrites a message.
/// </summary>
internal static class InvalidRequestResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = context.ModelState
            .Where(entry => entry.Value!.Errors.Count > 0)
            .ToDictionary(
                entry => FieldName(entry.Key),
                // A required value that was sent but could not be read was provided: its own error says what is wrong.
                entry => entry.Value!.Errors
                    .Where(error => entry.Value.AttemptedValue is null || error.ErrorMessage != NotProvided(entry.Key))
                    .Select(error => error.ErrorMessage)
                    .Distinct(StringComparer.Ordinal)
                    .ToArray(),
                StringComparer.Ordinal);

        return Problems.Result(Problems.Validation(errors));
    }

    /// <summary>The framework's binding messages, in the API's words.</summary>
    public static void UseApiMessages(DefaultModelBindingMessageProvider messages)
    {
        messages.SetMissingBindRequiredValueAccessor(NotProvided);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "A JSON body is required.");
        messages.SetValueMustNotBeNullAccessor(value => "A value is required.");
        messages.SetAttemptedValueIsInvalidAccessor((value, name) => $"The value of {name} is not valid.");
        messages.SetUnknownValueIsInvalidAccessor(name => $"The value of {name} is not valid.");
        messages.SetValueIsInvalidAccessor(value => "The value is not valid.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => "The value is not valid.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "The value is not valid.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "The value must be a number.");
        messages.SetValueMustBeANumberAccessor(name => $"{name} must be a number.");
        messages.SetMissingKeyOrValueAccessor(() => "A value is required.");
    }

    public static string NotProvided(string name) => $"A value for the '{name}' parameter or property was not provided.";

    private static string FieldName(string key) => key.Length == 0 ? "$" : key;
}
