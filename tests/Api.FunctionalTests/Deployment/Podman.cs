using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Deployment;

/// <summary>podman and the project's container scripts, as a user runs them (podman is installed by scripts/test.sh).</summary>
internal static class Podman
{
    public static readonly string Root = FindRoot();

    private static readonly Lazy<string> Built = new(() => Script(TimeSpan.FromMinutes(20), "scripts/build-image.sh", "--deployment"));

    /// <summary>The image and the deployment's service image, built once per test run by scripts/build-image.sh.</summary>
    public static void EnsureImagesBuilt() => _ = Built.Value;

    public static string Run(params string[] arguments) => ExternalProcess.RunIn(Root, null, "podman", arguments);

    /// <summary>podman's exit code, for commands whose failure is the answer.</summary>
    public static int ExitCodeOf(params string[] arguments)
    {
        try
        {
            Run(arguments);
            return 0;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("exited with", StringComparison.Ordinal))
        {
            return 1;
        }
    }

    public static string Script(TimeSpan bound, string script, params string[] arguments) =>
        Script(bound, new Dictionary<string, string>(), script, arguments);

    public static string Script(TimeSpan bound, IDictionary<string, string> environment, string script, params string[] arguments) =>
        ExternalProcess.RunIn(Root, environment, bound, Path.Combine(Root, script), arguments);

    public static void RemoveContainer(string name)
    {
        try
        {
            Run("rm", "-f", "-t", "0", name);
        }
        catch (InvalidOperationException)
        {
            // Not there: nothing to remove.
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LunarVoc.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LunarVoc.sln not found above the test's directory");
    }
}
