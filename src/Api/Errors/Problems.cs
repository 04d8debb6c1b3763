using System.Globalization;
using Microsoft.AspNetCore.Mvc;

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

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null, TimeSpan? retryAfter = null) =>
        WriteAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail }, retryAfter);

    /// <summary>A controller's answer that is a problem (404, 409…), written the same way.</summary>
    public static ActionResult Result(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return new ProblemResult(problem);
    }

    private sealed class ProblemResult(ProblemDetails problem) : ActionResult
    {
        public override Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, problem);
    }
}
