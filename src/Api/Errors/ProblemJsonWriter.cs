using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LunarVoc.Api.Errors;

/// <summary>
/// The only problem-details writer: MVC and the framework each bring their own, which differ in
/// media type (with and without a charset). Every problem leaves as <c>application/problem+json</c>.
/// Extensions (such as a 409's conflicting window) are written with the API's own JSON settings.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        Problems.Complete(context);
        return new(context.HttpContext.Response.WriteAsJsonAsync<ProblemDetails>(context.ProblemDetails, json.Value.JsonSerializerOptions, MediaType, context.HttpContext.RequestAborted));
    }

    /// <summary>Replaces the writers registered before it (the framework's and MVC's).</summary>
    public static void Register(IServiceCollection services)
    {
        services.RemoveAll<IProblemDetailsWriter>();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
    }
}
