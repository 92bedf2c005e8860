using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Arcanum.Cli;

/// <summary>
/// The node child processes of <c>arcanum dev</c>: each is <c>arcanum serve node --config …</c> with its
/// output appended to node.log and its pid in node.pid beside its config. Each child watches its standard
/// input (ARCANUM_LIFELINE=stdin), so it exits when the parent dies however it dies — no orphans.
/// Stopping sends SIGTERM, waits, then kills what is left.
/// </summary>
internal sealed partial class NodeProcesses : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly List<Process> _children = [];

    public IReadOnlyList<Process> Children => _children;

    public void Start(string nodeConfigPath)
    {
        var directory = Path.GetDirectoryName(nodeConfigPath)!;
        var start = SelfInvocation();
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("node");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(nodeConfigPath);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment[ServeCommand.LifelineVariable] = "stdin";
        start.Environment["NO_COLOR"] = "1";
        var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start a node for {nodeConfigPath}");
        _children.Add(child);
        File.WriteAllText(Path.Combine(directory, "node.pid"), child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var log = new StreamWriter(Path.Combine(directory, "node.log"), append: true) { AutoFlush = true };
        var gate = new object();
        child.OutputDataReceived += (_, e) => Append(log, gate, e.Data);
        child.ErrorDataReceived += (_, e) => Append(log, gate, e.Data);
        child.Exited += (_, _) => { lock (gate) { log.Dispose(); } };
        child.EnableRaisingEvents = true;
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children.Where(c => !c.HasExited))
        {
            _ = Kill(child.Id, SigTerm);
        }

        using var grace = new CancellationTokenSource(GracePeriod);
        foreach (var child in _children)
        {
            try
            {
                await child.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            child.Dispose();
        }

        _children.Clear();
    }

    /// <summary>How to run this same program again: the apphost directly, or <c>dotnet arcanum.dll</c>.</summary>
    private static ProcessStartInfo SelfInvocation()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            var start = new ProcessStartInfo(host);
            start.ArgumentList.Add(typeof(NodeProcesses).Assembly.Location);
            return start;
        }

        return new ProcessStartInfo(host);
    }

    private static void Append(StreamWriter log, object gate, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
