using System.Text;

var body = Encoding.UTF8.GetBytes(File.ReadAllText(Environment.GetEnvironmentVariable("BARE_BODY_FILE")!));
// The same host defaults as the service, so the ratio measures only what the service does per request.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
