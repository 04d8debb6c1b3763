using System.Threading.RateLimiting;
using LunarVoc.Api.Errors;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace LunarVoc.Api.Security;

/// <summary>
/// ASP.NET Core's rate limiter: every request counts against its client's budget (reads, the page,
/// the OpenAPI document, probes and metrics alike), and writes also against their key's. A refused
/// request gets 429 problem details with Retry-After.
/// </summary>
public static class RateLimiting
{
    public const string Writes = "writes";

    public static IServiceCollection AddLunarVocRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ClientBudgets>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClientBudgets>((limiter, budgets) =>
        {
            limiter.GlobalLimiter = budgets.Limiter;
            // Before authentication (so that refused requests spend the client's budget): by the key presented.
            limiter.AddPolicy(Writes, context => Partition(context, ApiKeyAuthenticationHandler.KeyIdOf(context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString()), o => o.WritesPerWindow));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>After the limiter let a request through: what is left of its client's budget, as headers.</summary>
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            if (options.Enabled && context.RequestServices.GetRequiredService<ClientBudgets>().Limiter.GetStatistics(context) is { } statistics)
            {
                RateLimitHeaders.Write(context.Response, statistics, options);
            }

            return next(context);
        });

    /// <summary>Every client's budget, one per host; also read to tell each client what is left of it.</summary>
    private sealed class ClientBudgets : IDisposable
    {
        public PartitionedRateLimiter<HttpContext> Limiter { get; } = PartitionedRateLimiter.Create<HttpContext, string>(
            context => Partition(context, ClientAddress.PartitionOf(context), o => o.ReadsPerWindow));

        public void Dispose() => Limiter.Dispose();
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string key, Func<RateLimitOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // The limiter runs before CORS (refused preflights spend the budget too): give the refusal the
        // CORS headers the request would have had, or a browser app sees a network error, not the 429.
        var services = context.RequestServices;
        if (await services.GetRequiredService<ICorsPolicyProvider>().GetPolicyAsync(context, null) is { } policy)
        {
            var cors = services.GetRequiredService<ICorsService>();
            cors.ApplyResult(cors.EvaluatePolicy(context, policy), context.Response);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
        await WriteTooManyRequestsAsync(context, retryAfter, "This client has used its request budget for now; try again after Retry-After seconds.");
    }

    /// <summary>The 429 answer, for every budget.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter, string detail) =>
        Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", detail, retryAfter);
}
