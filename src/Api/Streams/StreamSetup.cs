using LunarVoc.Application.Common;

namespace LunarVoc.Api.Streams;

internal static class StreamSetup
{
    public static WebApplicationBuilder AddStatusStreams(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StreamOptions>(builder.Configuration, StreamOptions.SectionName);
        builder.Services.AddSingleton<StreamSlots>();
        builder.Services.AddSingleton<StreamMetrics>();
        builder.Services.AddSingleton<StatusBroadcaster>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StatusBroadcaster>());
        builder.Services.AddSingleton<StatusStreamWriter>();
        return builder;
    }
}
