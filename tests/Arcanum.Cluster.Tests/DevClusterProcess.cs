using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Arcanum.Client;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// A real <c>arcanum dev</c> process (coordinator in it, node child processes) on a free loopback
/// port, over a data directory that can outlive it (to test restarts). Its console output is kept
/// for assertions and failure messages.
/// </summary>
public sealed class DevClusterProcess : IAsyncDisposable
{
    public const string Token = "arc_test_token_0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DevClusterProcess(Process process, string dataDirectory, int port, int nodes)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
        Nodes = nodes;
        Address = new Uri($"http://127.0.0.1:{port}");
        Client = new ArcanumClient(Address, Token);
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int Nodes { get; }

    public Uri Address { get; }

    public ArcanumClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>arcanum dev</c> and waits until every node is connected; <paramref name="extraArguments"/> are added to
    /// its command line (e.g. <c>--genesis FILE</c>).
    /// </summary>
    public static async Task<DevClusterProcess> StartAsync(int nodes, string? dataDirectory = null, string? postgres = null, int? port = null,
        IEnumerable<string>? extraArguments = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "arcanum-cluster-" + Guid.NewGuid().ToString("n"));
        var chosenPort = port ?? FreePort();
        var arguments = new List<string> { "dev", "--nodes", nodes.ToString(), "--port", chosenPort.ToString(), "--data", dataDirectory, "--token", Token };
        if (postgres is not null)
        {
            arguments.AddRange(["--postgres", postgres]);
        }

        arguments.AddRange(extraArguments ?? []);

        var process = StartArcanum(arguments);
        var cluster = new DevClusterProcess(process, dataDirectory, chosenPort, nodes);
        process.OutputDataReceived += (_, e) => cluster.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cluster.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await cluster.WaitUntilReadyAsync();
        return cluster;
    }

    /// <summary>Runs <c>arcanum</c> (the build beside the tests) with <paramref name="arguments"/>; stdin stays open.</summary>
    public static Process StartArcanum(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcanum.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>The pid of node <paramref name="id"/>'s process, as arcanum dev recorded it.</summary>
    public int NodePid(int id) => int.Parse(File.ReadAllText(Path.Combine(NodeDirectory(id), "node.pid")));

    public string NodeDirectory(int id) => Path.Combine(DataDirectory, $"node-{id}");

    public string NodeConfig(int id) => Path.Combine(NodeDirectory(id), "node.json");

    /// <summary>Kills node <paramref name="id"/> (SIGKILL: a crash, no clean-up).</summary>
    public void KillNode(int id)
    {
        using var node = Process.GetProcessById(NodePid(id));
        node.Kill();
        node.WaitForExit();
    }

    /// <summary>Waits until the coordinator reports <paramref name="connected"/> nodes.</summary>
    public async Task WaitForConnectedAsync(int connected)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                var health = await Client.GetHealthAsync(timeout.Token);
                if (health.Nodes.Connected == connected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"arcanum dev exited with {_process.ExitCode}:\n{Output}");
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Stops the dev process as Ctrl+C would (SIGINT) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = Interop.Kill(_process.Id, Interop.SigInt);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        Client.Dispose();
        _process.Dispose();
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        try
        {
            await WaitForConnectedAsync(Nodes);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            throw new InvalidOperationException($"the dev cluster did not come up:\n{Output}", e);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
