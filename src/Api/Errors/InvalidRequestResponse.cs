using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace LunarVoc.Api.Errors;

/// <summary>
/// Shapes the 400 answer for bodies that cannot be read: errors keyed by the JSON field name
/// (start_at rather than $.start_at), in the API's own words — the serializer's messages name
/// .NET types and members, which are none of a client's business.
/// </summary>
internal static partial class InvalidRequestResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = context.ModelState
            .SelectMany(entry => entry.Value!.Errors
                // A required parameter that was sent but could not be read was provided: its own error says what is wrong.
                .Where(error => entry.Value.AttemptedValue is null || !IsNotProvided(error.ErrorMessage))
                .SelectMany(error => Describe(FieldName(entry.Key), error.ErrorMessage)))
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        return Problems.Result(Problems.Validation(errors));
    }

    /// <summary>MVC's message for a [BindRequired] parameter that has no value.</summary>
    private static bool IsNotProvided(string message) =>
        message.StartsWith("A value for the '", StringComparison.Ordinal) && message.EndsWith("' parameter or property was not provided.", StringComparison.Ordinal);

    private static IEnumerable<(string Field, string Message)> Describe(string field, string message)
    {
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            foreach (Capture name in missing.Groups["name"].Captures)
            {
                yield return (name.Value, $"{name.Value} is required.");
            }
        }
        else if (message.Contains(".NET member", StringComparison.Ordinal))
        {
            yield return (field, $"'{field}' is not a field of this request (field names are exact, in snake_case).");
        }
        else if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            yield return (field, $"'{field}' appears more than once.");
        }
        else if (message.Contains("LunarVoc.", StringComparison.Ordinal) || message.Contains("System.", StringComparison.Ordinal) || message.Length == 0)
        {
            yield return (field, field == "$"
                ? "The body must be a JSON object with start_at, end_at and source."
                : $"The value of {field} is not of the expected type.");
        }
        else if (message.Contains("BytePositionInLine", StringComparison.Ordinal))
        {
            // A syntax error concerns the body as a whole, wherever the parser stopped.
            yield return ("$", "The body is not valid JSON: expected an object with start_at, end_at and source.");
        }
        else
        {
            yield return (field, message);
        }
    }

    private static string FieldName(string key) => key switch
    {
        "" => "$",
        _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
        _ => key,
    };

    [GeneratedRegex(@"missing required properties including: (?:'(?<name>[a-z_]+)'(?:, )?)+")]
    private static partial Regex MissingProperties();
}
