using Microsoft.OpenApi;

namespace LunarVoc.Api.Swagger;

internal static class SwaggerSetup
{
    private static readonly string[] DocumentedAssemblies = ["LunarVoc.Api", "LunarVoc.Application"];

    public static IServiceCollection AddLunarVocSwagger(this IServiceCollection services) =>
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LunarVoc",
                Version = "v1",
                Description = "Whether the Moon is void of course now, when the next void starts, and the voids of the next 48 hours. "
                    + "All times are UTC, ISO-8601. Errors are RFC 9457 problem details.",
            });

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
}
