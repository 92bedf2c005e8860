using Arcanum.Mpc.Protocol;
using Arcanum.Node.Sessions;

namespace Arcanum.Node.Hosting;

/// <summary>
/// One session this node takes part in: its protocol run, serialised by a gate (a run is not
/// thread-safe), and when it last moved, so a stalled run is dropped and its secrets released.
/// </summary>
internal sealed class NodeSession(SessionId id, IProtocolRun run, TimeSpan roundTimeout, TimeProvider time) : IDisposable
{
    private long _lastProgress = time.GetTimestamp();

    public SessionId Id { get; } = id;

    public IProtocolRun Run { get; } = run;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool Finished { get; set; }

    /// <summary>Stalled: nothing happened for two round timeouts (the coordinator gives up after one).</summary>
    public bool IsStalled => time.GetElapsedTime(Interlocked.Read(ref _lastProgress)) > 2 * roundTimeout;

    public void Touch() => Interlocked.Exchange(ref _lastProgress, time.GetTimestamp());

    /// <summary>Releases the run's secrets. The gate is left to the collector: a queued step may still wait on it.</summary>
    public void Dispose() => Run.Dispose();
}
