using FluentValidation;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.Common.Telemetry;
using Microsoft.AspNetCore.Diagnostics;

namespace LunarVoc.Api.Errors;

/// <summary>The one place where exceptions become problem details (written by <see cref="Problems"/>); nothing else leaks.</summary>
public sealed partial class ProblemDetailsExceptionHandler(
    TimeProvider timeProvider,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    // A bug or an outage hit by every request must not write a line per request.
    private readonly ThrottledLog _unexpected = new(timeProvider, TimeSpan.FromMinutes(1));
    private readonly ThrottledLog _unavailable = new(timeProvider, TimeSpan.FromMinutes(1));

    /// <summary>Seconds a client is asked to wait before trying again when the store is down and no better figure is known.</summary>
    public const int DefaultRetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            DataSourceUnavailableException unavailable => Unavailable(httpContext, unavailable),
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.Message,
            },
            // Kestrel's failure to read a malformed body (e.g. an absurd chunk size) is the client's fault.
            IOException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
                Detail = "The request body is malformed.",
            },
            _ => null,
        };

        if (problem is null)
        {
            if (_unexpected.ShouldWrite(out var occurrences))
            {
                LogUnexpected(exception, occurrences, httpContext.Request.Method, httpContext.Request.Path);
            }

            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        var retryAfter = exception is DataSourceUnavailableException unavailableFor
            ? unavailableFor.RetryAfter ?? TimeSpan.FromSeconds(DefaultRetryAfterSeconds)
            : (TimeSpan?)null;
        await Problems.WriteAsync(httpContext, problem, retryAfter, exception);
        return true;
    }

    private static ProblemDetails ValidationProblem(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(failure => JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.PropertyName), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray(), StringComparer.Ordinal);

        return Problems.Validation(errors);
    }

    private ProblemDetails Unavailable(HttpContext httpContext, DataSourceUnavailableException exception)
    {
        if (_unavailable.ShouldWrite(out var occurrences))
        {
            LogUnavailable(occurrences, exception.Message, exception.InnerException?.Message);
        }

        var read = HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The window store is unavailable.",
            Detail = read
                ? "The database could not be reached and no earlier answer is available. Try again later."
                : "The database could not be reached or did not answer in time, so the write may not have been applied. Sending it again after Retry-After is safe.",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Occurrences} requests answered 503 since the last report: {Reason} ({Cause})")]
    private partial void LogUnavailable(long occurrences, string reason, string? cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception ({Occurrences} since the last report), latest for {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, long occurrences, string method, PathString path);
}
