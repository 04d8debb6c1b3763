using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Frontends;

/// <summary>
/// The Node tools the contract and page tests run (tests/contract, pinned in its package-lock.json):
/// installed with `npm ci` on first use when missing, as scripts/test.sh does, so `dotnet test` at the
/// root works on a fresh clone too; a clear failure when Node.js itself is missing.
/// </summary>
internal static class ContractTools
{
    public static readonly string Directory = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../contract"));

    private static readonly Lazy<string?> Installed = new(Install);

    /// <summary>The path of a tool in tests/contract/node_modules/.bin.</summary>
    public static string Tool(string name) => Ensure(Path.Combine("node_modules/.bin", name));

    /// <summary>The path of a file in tests/contract, after the tools are installed.</summary>
    public static string Ensure(string relativePath)
    {
        if (Installed.Value is { } failure)
        {
            Assert.Fail(failure);
        }

        var path = Path.Combine(Directory, relativePath);
        Assert.That(path, Does.Exist, $"{relativePath} is not in tests/contract: run `npm ci` there (scripts/test.sh does).");
        return path;
    }

    private static string? Install()
    {
        // npm writes node_modules/.package-lock.json as it installs: older than the lockfile, a tool was added since.
        var installed = new FileInfo(Path.Combine(Directory, "node_modules/.package-lock.json"));
        if (installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Directory, "package-lock.json")))
        {
            return null;
        }

        try
        {
            ExternalProcess.RunIn(Directory, null, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            return null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return $"The Node tools in tests/contract could not be installed (`npm ci`): {ex.Message}. Install Node.js 20+ and npm, or run scripts/test.sh, which installs them.";
        }
    }
}
