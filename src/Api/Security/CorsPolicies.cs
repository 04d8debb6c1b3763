using Microsoft.AspNetCore.Cors.Infrastructure;

namespace LunarVoc.Api.Security;

/// <summary>
/// Which browsers may call what. The reads are public, anonymous and carry no credentials, so any
/// origin may make them (unless <c>Cors:AnyOriginForReads</c> is false); writes only from
/// <c>Cors:AllowedOrigins</c>. A preflight is judged by the method it asks for.
/// </summary>
internal sealed class CorsPolicies : ICorsPolicyProvider
{
    private static readonly string[] ExposedHeaders =
        [StandardHeaders.XCache, "Age", "Retry-After", "Location", "ETag", RateLimitHeaders.Policy, RateLimitHeaders.State];

    private readonly CorsPolicy _reads;
    private readonly CorsPolicy _writes;

    public CorsPolicies(IOptions<CorsSettings> options)
    {
        var settings = options.Value;
        string[] origins = [.. settings.AllowedOrigins.Select(origin => origin.TrimEnd('/'))];
        var reads = new CorsPolicyBuilder().WithMethods(HttpMethods.Get, HttpMethods.Head).WithHeaders("If-None-Match", "Last-Event-ID").WithExposedHeaders(ExposedHeaders);
        _reads = (settings.AnyOriginForReads ? reads.AllowAnyOrigin() : reads.WithOrigins(origins)).Build();
        _writes = new CorsPolicyBuilder()
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)
            .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.HeaderName, "If-None-Match")
            .WithExposedHeaders(ExposedHeaders)
            .Build();
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        var method = HttpMethods.IsOptions(request.Method) ? request.Headers.AccessControlRequestMethod.ToString() : request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return Task.FromResult<CorsPolicy?>(read ? _reads : _writes);
    }
}
