using System.Diagnostics;

namespace LunarVoc.TestSupport;

/// <summary>Runs a command line to completion and fails loudly with its output when it fails.</summary>
public static class ExternalProcess
{
    public static string Run(string fileName, params string[] arguments) => RunIn(null, null, fileName, arguments);

    /// <summary>Runs a program to its end (2 minutes at most) in a directory, with extra environment variables; its output, or an exception naming its errors.</summary>
    public static string RunIn(string? directory, IDictionary<string, string>? environment, string fileName, params string[] arguments) =>
        RunIn(directory, environment, TimeSpan.FromMinutes(2), fileName, arguments);

    /// <summary>As <see cref="RunIn(string?, IDictionary{string, string}?, string, string[])"/>, with a longer or shorter bound.</summary>
    public static string RunIn(string? directory, IDictionary<string, string>? environment, TimeSpan bound, string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? string.Empty,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(bound))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {bound}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        return stdout.Result;
    }

    public static bool IsRoot => Environment.UserName == "root";
}
