using System.Diagnostics;

namespace LunarVoc.TestSupport;

/// <summary>A throwaway redis-server on a free loopback port, without persistence; it can be killed and started again.</summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var server = new RedisServer(LoopbackPorts.Free());
        server.Resume();
        return server;
    }

    /// <summary>SIGKILL, as a crashed or unreachable Redis looks to clients.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: the connection stays open and nothing answers, as a Redis too slow to be useful looks to clients.</summary>
    public void Freeze() => ExternalProcess.Run("kill", "-STOP", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Thaw() => ExternalProcess.Run("kill", "-CONT", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Runs one command through redis-cli, e.g. CONFIG SET maxmemory 1.</summary>
    public string Command(params string[] arguments) =>
        ExternalProcess.Run("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);

    public void Resume()
    {
        var startInfo = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();

        // Waits for the server to say it is ready (bounded), not for time to pass.
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"redis-server did not become ready on port {Port}.");
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Thaw(); // a frozen server would not die of SIGKILL before it is continued on some systems
        }

        Kill();
    }
}
