using LunarVoc.Api;
using LunarVoc.Api.Operations;
using LunarVoc.Application.Common.Exceptions;

if (args is [HealthProbe.Argument])
{
    return await HealthProbe.RunAsync();
}

var app = LunarVocApp.Build(args);

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or DataSourceUnavailableException)
{
    // Already logged by the host with the reason; exit cleanly with a failure code, not a crash dump.
    return 1;
}
catch (InvalidOperationException ex)
{
    // A setting that cannot even be bound (e.g. text where a number belongs): say which, and exit cleanly.
    await Console.Error.WriteLineAsync($"Refusing to start: {ex.Message}");
    return 1;
}

/// <summary>The entry point, visible to the functional tests' host factory.</summary>
public partial class Program;
