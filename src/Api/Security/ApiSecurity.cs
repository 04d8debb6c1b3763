using LunarVoc.Api.Errors;
using LunarVoc.Application.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;

namespace LunarVoc.Api.Security;

/// <summary>Who may write, how often anyone may call, which browsers may call, and how large a request may be.</summary>
public static class ApiSecurity
{
    public const string WriterPolicy = "writer";

    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(builder.Configuration, AuthOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions>(builder.Configuration, RateLimitOptions.SectionName);
        services.AddValidatedOptions<CorsSettings>(builder.Configuration, CorsSettings.SectionName);
        services.AddValidatedOptions<RequestLimits>(builder.Configuration, RequestLimits.SectionName);
        services.AddValidatedOptions<TrustedProxies>(builder.Configuration, TrustedProxies.SectionName);
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies.Configure>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<ConnectionsPerClient>();

        // No default scheme: only endpoints under the writer policy authenticate (the policy names the
        // scheme), so anonymous reads never run the key check.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WriterPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddLunarVocRateLimiting();
        services.AddCors();
        services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, CorsPolicies>();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = ReadBeforeValidation<RequestLimits>(kestrel.ApplicationServices);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = limits.MaxConcurrentConnections;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(limits.KeepAliveTimeoutSeconds);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds);
            var perClient = kestrel.ApplicationServices.GetRequiredService<ConnectionsPerClient>();
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(perClient.Limit));
        });
        return builder;
    }

    /// <summary>
    /// Settings the server needs while it is built, before start-up validation runs: a value that is
    /// invalid or cannot even be read leaves the defaults here, and start-up validation then refuses
    /// to start naming it.
    /// </summary>
    private static T ReadBeforeValidation<T>(IServiceProvider services)
        where T : class, new()
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            return new T();
        }
    }

    /// <summary>The real client behind a trusted proxy; first, since budgets and logs key on the client's address.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        // With no known proxy the framework's middleware would believe X-Forwarded-For from anyone: leave it out.
        if (ReadBeforeValidation<TrustedProxies>(app.Services).Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>The client's budget, the body limit, CORS, then who the caller is and what it may do.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        // The budget first: preflights, refused keys and oversized bodies spend it too.
        app.UseRateLimiter();
        app.UseRateLimitHeaders();
        app.UseRequestBodyLimit();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Refuses a declared body over the limit with 413 before anything reads it, and caps undeclared
    /// (chunked) bodies where the server supports it; Kestrel enforces the same limit itself.
    /// </summary>
    private static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<RequestLimits>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"Request bodies may be at most {limit} bytes.");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            await next(context);
        });
}
