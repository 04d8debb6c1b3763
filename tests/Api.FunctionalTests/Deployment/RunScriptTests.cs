using System.Diagnostics;
using System.Net.Sockets;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.Deployment;

/// <summary>scripts/run.sh stopped as a service manager stops a service: a signal to the script's own process.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RunScriptTests
{
    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task A_signal_to_the_script_stops_the_service_and_then_its_database(string signal)
    {
        var apiPort = LoopbackPorts.Free();
        var databasePort = LoopbackPorts.Free();
        var startInfo = new ProcessStartInfo(Path.Combine(Podman.Root, "scripts", "run.sh"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Podman.Root,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}";
        startInfo.Environment["LUNARVOC_PG_PORT"] = databasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["Prefetch__Enabled"] = "false";
        startInfo.Environment.Remove("ConnectionStrings__Postgres"); // the script starts a database of its own
        using var script = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("run.sh did not start");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        script.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        script.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            var ready = await Waiting.UntilAsync(
                async () => script.HasExited || await Deployed.ReadyAsync(client, TimeSpan.FromSeconds(1)),
                done => done,
                TimeSpan.FromMinutes(5));
            Assert.That(ready && !script.HasExited, Is.True, () => string.Join("\n", output));

            ExternalProcess.Run("kill", $"-{signal}", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(bound.Token);

            Assert.Multiple(() =>
            {
                Assert.That(script.ExitCode, Is.Zero, () => string.Join("\n", output));
                Assert.That(Listening(apiPort), Is.False, "the service still answers");
                Assert.That(Listening(databasePort), Is.False, "the script's database still runs");
            });
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
