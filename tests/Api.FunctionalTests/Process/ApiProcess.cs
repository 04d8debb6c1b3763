using System.Diagnostics;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Process;

/// <summary>The built API run as a real process on a loopback port, as in production.</summary>
public sealed class ApiProcess : IDisposable
{
    private const int OutputKept = 200;
    private readonly System.Diagnostics.Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private bool _stopped;

    private ApiProcess(System.Diagnostics.Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it wrote (standard output and error).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>File handles the process holds now (sockets included).</summary>
    public int OpenFileHandles => Directory.GetFiles($"/proc/{_process.Id}/fd").Length;

    /// <summary>
    /// The sockets the process holds for clients' connections to its port: its own sockets (by inode,
    /// from /proc/pid/fd) that the kernel lists with its port as their local port. Unlike
    /// <see cref="OpenFileHandles"/>, the database pool's sockets do not count.
    /// </summary>
    public int ClientSockets
    {
        get
        {
            var own = Directory.GetFiles($"/proc/{_process.Id}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget ?? "")
                .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
                .Select(target => target["socket:[".Length..^1])
                .ToHashSet(StringComparer.Ordinal);
            var port = Address.Port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
            return new[] { "tcp", "tcp6" }
                .SelectMany(table => File.ReadLines($"/proc/{_process.Id}/net/{table}").Skip(1))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Count(columns => columns[1].EndsWith($":{port}", StringComparison.Ordinal) && columns[3] != "0A" && own.Contains(columns[9]));
        }
    }

    /// <param name="connectionString">The database it serves.</param>
    /// <param name="port">Its loopback port.</param>
    /// <param name="settings">Further settings, as environment variables (e.g. Limits__MaxConcurrentConnections).</param>
    public static async Task<ApiProcess> StartAsync(string connectionString, int port, IDictionary<string, string>? settings = null)
    {
        var startInfo = StartInfo(connectionString, port, settings);
        var process = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("The API did not start.");
        var started = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => started.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => started.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await started.WaitUntilServingAsync();
        return started;
    }

    /// <summary>Runs the API with settings that must stop it at start-up; returns its exit code and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Errors)> FailToStartAsync(string connectionString, IDictionary<string, string> settings)
    {
        var startInfo = StartInfo(connectionString, LoopbackPorts.Free(), settings);
        using var process = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("The API did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await errors + await output);
    }

    /// <summary>The built API on a loopback port, as in production, with a test key, no limits or pre-fetch unless <paramref name="settings"/> say otherwise.</summary>
    private static ProcessStartInfo StartInfo(string connectionString, int port, IDictionary<string, string>? settings)
    {
        var api = typeof(Program).Assembly.Location;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { api, "--contentRoot", Path.GetDirectoryName(api)! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["ConnectionStrings__Postgres"] = connectionString;
        startInfo.Environment["Auth__ApiKeys__0"] = LunarVocApiFactory.WriterKeyHash;
        startInfo.Environment["RateLimiting__Enabled"] = "false";
        startInfo.Environment["Prefetch__Enabled"] = "false";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    public HttpClient CreateClient(bool writer = false)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (writer)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", LunarVocApiFactory.WriterKey);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the container dies.</summary>
    public void Kill()
    {
        _stopped = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        _stopped = true;
        ExternalProcess.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var bound = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(bound.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        else if (!_stopped)
        {
            // It ended by itself: what it said last tells why.
            TestContext.Out.WriteLine($"The API exited by itself with {_process.ExitCode}; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputKept && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>Waits (bounded, in real time) for the process to answer: start-up is real work, not a timer.</summary>
    private async Task WaitUntilServingAsync()
    {
        // From an address of its own, so that waiting spends none of the test clients' budgets.
        using var client = LoopbackClient.From("127.0.0.254", Address);
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} during start-up.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The API did not answer within 60 s of starting.");
    }
}
