using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LunarVoc.Api.ProblemDetails;

/// <summary>
/// Shapes the 400 answer for bodies that cannot be read: errors keyed by the JSON field name
/// (start_at rather than $.start_at), and messages that do not name the service's internal types.
/// </summary>
internal static partial class InvalidRequestResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = new ModelStateDictionary();
        foreach (var (key, entry) in context.ModelState)
        {
            foreach (var error in entry.Errors)
            {
                errors.AddModelError(FieldName(key), TypeName().Replace(error.ErrorMessage, "the request"));
            }
        }

        var problem = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>()
            .CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static string FieldName(string key) => key switch
    {
        "" => "$",
        _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
        _ => key,
    };

    [GeneratedRegex(@"(type )?'LunarVoc\.[\w.]+'")]
    private static partial Regex TypeName();
}
