namespace LunarVoc.Api.Http;

/// <summary>
/// Headers on every response: security headers suited to a JSON API, and X-Cache, which is MISS
/// unless a cached read overwrites it. Set up front (cheaper than a callback when the response
/// starts); problem responses, whose headers the exception handler clears, get them back from
/// <see cref="RestoreOnProblem"/>.
/// </summary>
internal static class StandardHeaders
{
    /// <summary>Where an answer came from: HIT, MISS or STALE (MISS unless the answer says otherwise).</summary>
    public const string XCache = "X-Cache";

    private static readonly PathString Swagger = new("/swagger");
    private static readonly PathString Api = new("/api");

    public static IApplicationBuilder UseStandardHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            Apply(context, overwrite: true);
            return next(context);
        });

    /// <summary>
    /// The status page (wwwroot: plain files, no build step), in a branch requests under /api never
    /// enter, so the API's reads pay no file-system lookups.
    /// </summary>
    public static IApplicationBuilder UseStatusPage(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase),
            page => page.UseDefaultFiles().UseStaticFiles());

    public static void RestoreOnProblem(ProblemDetailsContext context) => Apply(context.HttpContext, overwrite: false);

    private static void Apply(HttpContext context, bool overwrite)
    {
        var headers = context.Response.Headers;
        Set(headers, XCache, "MISS", overwrite);
        Set(headers, "X-Content-Type-Options", "nosniff", overwrite);
        Set(headers, "X-Frame-Options", "DENY", overwrite);
        Set(headers, "Referrer-Policy", "no-referrer", overwrite);
        var path = context.Request.Path;
        if (path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase))
        {
            // JSON never needs to load anything or be framed.
            Set(headers, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'", overwrite);
        }
        else if (!path.StartsWithSegments(Swagger, StringComparison.OrdinalIgnoreCase))
        {
            // The status page loads its own script, style and icon and reads the API, nothing else.
            Set(headers, "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'", overwrite);
        }
    }

    private static void Set(IHeaderDictionary headers, string name, string value, bool overwrite)
    {
        if (overwrite)
        {
            headers[name] = value;
        }
        else
        {
            headers.TryAdd(name, value);
        }
    }
}
