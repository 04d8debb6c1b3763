using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace LunarVoc.Api.Errors;

/// <summary>
/// The one way a problem leaves the API: RFC 9457 details written through ASP.NET Core's
/// problem-details service, so every one — from middleware, an authentication handler, the
/// exception handler or a controller — gets the same shape, trace id and standard headers, and
/// Retry-After in whole seconds when the client should come back.
/// </summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem, TimeSpan? retryAfter = null, Exception? exception = null)
    {
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Run on every problem before it is written (however it was raised): the same members
    /// everywhere — type, title, status, detail and the trace id as <c>traceId</c> — and the
    /// standard headers a failed request may have lost.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= DefaultDetail(status);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        StandardHeaders.RestoreOnProblem(context);
    }

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid; see errors.",
        StatusCodes.Status401Unauthorized => "This operation needs a valid API key in the X-Api-Key header.",
        StatusCodes.Status403Forbidden => "This API key may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not answer this method; the Allow header lists those it does.",
        StatusCodes.Status406NotAcceptable => "This address answers in none of the media types the Accept header lists.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null, TimeSpan? retryAfter = null) =>
        WriteAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail }, retryAfter);

    /// <summary>A 400 naming each field that is wrong (by its JSON name) and what is wrong with it.</summary>
    /// <remarks>
    /// The errors are an extension member rather than <see cref="ValidationProblemDetails"/>: the
    /// problem-details writer used inside MVC serialises the base type and would drop them.
    /// </remarks>
    public static ProblemDetails Validation(IDictionary<string, string[]> errors) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more validation errors occurred.",
        Extensions = { ["errors"] = errors },
    };

    /// <summary>A controller's answer that is a problem (404, 409…), written the same way.</summary>
    public static ActionResult Result(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return Result(problem);
    }

    public static ActionResult Result(ProblemDetails problem) => new ProblemResult(problem);

    private sealed class ProblemResult(ProblemDetails problem) : ActionResult
    {
        public override Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, problem);
    }
}
