using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// The one <see cref="IProtocolRun"/> over a <see cref="PartyRunner{TOutput}"/>: messages go to the
/// runner; once it completes, <c>onCompleted</c> persists the output (seals a share) and builds the
/// report, exactly once; an abort becomes <see cref="SessionAborted"/> naming the culprits.
/// <see cref="Dispose"/> disposes what the run holds (the share it signs or refreshes with) and the output.
/// </summary>
internal sealed class ProtocolRun<TOutput>(PartyRunner<TOutput> runner, Func<TOutput, SessionReport> onCompleted, IDisposable? held)
    : IProtocolRun
{
    private SessionReport? _report;

    public IReadOnlyList<ProtocolMessage> InitialMessages => runner.InitialMessages;

    public RunStatus Status => runner.Status;

    public int? CurrentRound => runner.CurrentRound;

    public IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message) => runner.Receive(message);

    public SessionReport Finish() => _report ??= runner.Status switch
    {
        RunStatus.Completed => Persist(runner.Output!),
        RunStatus.Aborted => Reports.Aborted(runner.Abort!.Reason, runner.Abort.Culprits),
        _ => throw new InvalidOperationException("The run is still waiting for messages."),
    };

    public void Dispose()
    {
        held?.Dispose();
        (runner.Output as IDisposable)?.Dispose();
    }

    /// <summary>A node that cannot store its result reports an abort that blames nobody rather than a result it does not hold.</summary>
    private SessionReport Persist(TOutput output)
    {
        try
        {
            return onCompleted(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reports.Aborted($"this node could not store the result: {e.Message}", []);
        }
    }
}

/// <summary>A run without protocol messages (destroy): complete at once; <see cref="Finish"/> does the work once.</summary>
internal sealed class ImmediateRun(Func<SessionReport> work) : IProtocolRun
{
    private SessionReport? _report;

    public IReadOnlyList<ProtocolMessage> InitialMessages => [];

    public RunStatus Status => RunStatus.Completed;

    public int? CurrentRound => null;

    public IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message) => [];

    public SessionReport Finish() => _report ??= work();

    public void Dispose()
    {
    }
}
