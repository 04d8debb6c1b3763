using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using LunarVoc.Api.Errors;
using LunarVoc.Api.Json;
using LunarVoc.Api.Mcp;
using LunarVoc.Api.Operations;
using LunarVoc.Api.Security;
using LunarVoc.Api.Streams;
using LunarVoc.Api.Swagger;
using LunarVoc.Application;
using LunarVoc.Infrastructure;

namespace LunarVoc.Api;

/// <summary>
/// The service's composition, in the order requests meet it: what Program runs, and what a
/// benchmark host reuses so that its floor is configured exactly like the service.
/// </summary>
public static class LunarVocApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services
            .AddApplication(builder.Configuration)
            .AddInfrastructure(builder.Configuration);

        builder.Services
            .AddControllers(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.ModelBinderProviders.Insert(0, new QueryValueBinderProvider());
                // Bodies are read by the API's rules, in its words; no other JSON reader.
                options.InputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>();
                options.InputFormatters.Insert(0, new StrictJsonBodyFormatter());
                InvalidRequestResponse.UseApiMessages(options.ModelBindingMessageProvider);
                options.Conventions.Add(new HeadAlongsideGet());
            })
            .ConfigureApiBehaviorOptions(options =>
            {
                options.InvalidModelStateResponseFactory = InvalidRequestResponse.Create;
                // MVC's own client-error bodies (a 415 for a body without Content-Type) would bypass the
                // problem writer; left empty, the status-code pages write them through it.
                options.SuppressMapClientErrors = true;
            })
            .AddJsonOptions(options => ApiJson.Configure(options.JsonSerializerOptions));

        builder.Services.AddSingleton(typeof(ResponseBodyMemo<>));
        builder.Services.AddProblemDetails();
        ProblemJsonWriter.Register(builder.Services);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.AddApiSecurity();
        builder.AddOperations();
        builder.AddStatusStreams();
        builder.AddLunarVocMcp();
        var swagger = SwaggerSetup.IsEnabled(builder.Configuration);
        if (swagger)
        {
            builder.Services.AddLunarVocSwagger();
        }

        var app = builder.Build();

        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStandardHeaders();
        app.UseCorrelationId();
        app.UseApiSecurity();
        if (swagger)
        {
            app.UseLunarVocSwagger();
        }

        app.UseStatusPage();
        app.MapOperations();
        app.MapControllers();
        app.MapLunarVocMcp();

        return app;
    }
}
