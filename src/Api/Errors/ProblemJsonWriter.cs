using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LunarVoc.Api.Errors;

/// <summary>
/// The only problem-details writer: MVC and the framework each bring their own, which differ in
/// media type (with and without a charset). Every problem leaves as <c>application/problem+json</c>.
/// </summary>
internal sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        Problems.Complete(context);
        return new(context.HttpContext.Response.WriteAsJsonAsync<ProblemDetails>(context.ProblemDetails, Json, MediaType, context.HttpContext.RequestAborted));
    }

    /// <summary>Replaces the writers registered before it (the framework's and MVC's).</summary>
    public static void Register(IServiceCollection services)
    {
        services.RemoveAll<IProblemDetailsWriter>();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
    }
}
