using LunarVoc.Api.Security;
using Microsoft.OpenApi;

namespace LunarVoc.Api.Swagger;

internal static class SwaggerSetup
{
    /// <summary>Swagger UI and the OpenAPI document are served unless <c>Swagger:Enabled</c> is false.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Swagger:Enabled", defaultValue: true);

    private static readonly string[] DocumentedAssemblies = ["LunarVoc.Api", "LunarVoc.Application"];

    public static IServiceCollection AddLunarVocSwagger(this IServiceCollection services) =>
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LunarVoc",
                Version = "v1",
                Description = "Whether the Moon is void of course now, when the next void starts, and the voids of the next 48 hours. "
                    + "All times are UTC, ISO-8601. Errors are RFC 9457 problem details. "
                    + "Every GET also answers HEAD (same status and headers, no body).",
                Contact = new OpenApiContact { Name = "LunarVoc maintainers" },
            });

            options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "Writes need an API key this service accepts; reads are anonymous.",
            });
            options.AddServer(new OpenApiServer { Url = "/", Description = "This service" });
            // Swagger UI shows the groups in the order their operations come: the status a visitor comes for first.
            string[] readingOrder = ["VocStatus", "VocWindows", "StatusStream", "Moon", "Ephemeris", "Calendar", "Webhooks", "VocCache"];
            options.OrderActionsBy(api =>
            {
                var rank = Array.IndexOf(readingOrder, api.ActionDescriptor.RouteValues["controller"]);
                return $"{(rank < 0 ? readingOrder.Length : rank):D2} {api.RelativePath} {api.HttpMethod}";
            });
            options.OperationFilter<WriterKeyOperationFilter>();
            options.OperationFilter<HttpContractOperationFilter>();
            options.SchemaFilter<ContractSchemaFilter>();
            options.DocumentFilter<WebhooksDocumentFilter>();
            // Nullable members that refer to another schema (current, next, last_aspect) say so.
            options.UseAllOfToExtendReferenceSchemas();
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();

            foreach (var assembly in DocumentedAssemblies)
            {
                var path = Path.Combine(AppContext.BaseDirectory, $"{assembly}.xml");
                if (File.Exists(path))
                {
                    options.IncludeXmlComments(path, includeControllerXmlComments: true);
                }
            }
        });

    /// <summary>
    /// The document and the UI, branched off by path so that the API's own requests do not pay for
    /// Swagger's per-request path matching.
    /// </summary>
    public static IApplicationBuilder UseLunarVocSwagger(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(SwaggerPath, StringComparison.OrdinalIgnoreCase),
            swagger => swagger.Use(HeadAsGet).UseSwagger(options => options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1).UseSwaggerUI());

    /// <summary>Swashbuckle answers GET only: HEAD gets GET's status and headers, its body dropped.</summary>
    private static Task HeadAsGet(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
        }

        return next(context);
    }

    private static readonly PathString SwaggerPath = new("/swagger");
}
