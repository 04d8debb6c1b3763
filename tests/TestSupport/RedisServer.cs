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

    public void Resume()
    {
        var startInfo = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        WaitUntilListening();
    }

    public void Dispose() => Kill();

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(25); // the server process is starting up, not a wait for time
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {Port}.");
    }
}
