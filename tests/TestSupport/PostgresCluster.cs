using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LunarVoc.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback, owned by one test assembly: created in a temporary
/// folder, stoppable and restartable (to simulate outages), removed on dispose.
/// As root, the server runs as the 'postgres' user, since initdb refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _binDirectory;
    private readonly string _dataDirectory;

    private PostgresCluster(string binDirectory, string dataDirectory, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static PostgresCluster Start()
    {
        var binDirectory = Environment.GetEnvironmentVariable("LUNARVOC_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(binDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found in {binDirectory}; run the tests through scripts/test.sh, which installs them.");
        }

        var root = Directory.CreateTempSubdirectory("lunarvoc-pg-").FullName;
        var dataDirectory = Path.Combine(root, "data");
        if (ExternalProcess.IsRoot)
        {
            ExternalProcess.Run("chown", "postgres:postgres", root);
        }

        var cluster = new PostgresCluster(binDirectory, dataDirectory, LoopbackPorts.Free());
        cluster.Pg("initdb", "-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync");
        cluster.Resume();
        return cluster;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>Stops the server at once, as a crash or network loss would look to clients.</summary>
    public void Halt()
    {
        Pg("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
    }

    /// <summary>
    /// Stops every server process with SIGSTOP: sockets stay open and connections are accepted by the
    /// kernel, but nothing answers — a frozen server, which is worse for clients than a dead one.
    /// </summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    public void Resume()
    {
        Pg("pg_ctl", "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
            "start");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again if a test halted it; a test that halts it calls this when it ends.</summary>
    public void EnsureRunning()
    {
        try
        {
            Resume();
        }
        catch (InvalidOperationException)
        {
            // Already running.
        }
    }

    public void Dispose()
    {
        try
        {
            Halt();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
    }

    private void Signal(string signal)
    {
        var postmaster = File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First().Trim();
        var children = ExternalProcess.Run("pgrep", "-P", postmaster).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ExternalProcess.Run("kill", ["-" + signal, postmaster, .. children]);
    }

    private void Pg(string tool, params string[] arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        if (ExternalProcess.IsRoot)
        {
            ExternalProcess.Run("runuser", ["-u", "postgres", "--", executable, .. arguments]);
        }
        else
        {
            ExternalProcess.Run(executable, arguments);
        }
    }

}
