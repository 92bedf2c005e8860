using System.Security.Cryptography;

namespace Arcanum.Mpc.Protocol;

/// <summary>Where a party's run stands.</summary>
public enum RunStatus
{
    Running,
    Completed,
    Aborted,
}

/// <summary>
/// Drives one party's rounds: verifies and stores each incoming message, holds back messages of
/// the next rounds that arrive early, finalizes each round as soon as it can, and turns a faulty
/// message into an abort naming its culprit. Pure like the rounds themselves (no I/O, no clock):
/// the node's session handler and the test harness feed it messages and send what it returns.
/// </summary>
public sealed class PartyRunner<TOutput>
{
    /// <summary>How many rounds ahead a message may be held back; later ones are ignored.</summary>
    private const int MaxRoundsAhead = 2;

    private readonly List<ProtocolMessage> _early = [];
    private readonly List<MessageCheck> _ignored = [];
    private readonly RandomNumberGenerator _rng;
    private IRound<TOutput>? _round;

    /// <param name="start">The first round and the messages that start the protocol, as the protocol's Start method returns them.</param>
    /// <param name="rng">Randomness for the rounds this runner finalizes.</param>
    public PartyRunner(RoundResult<TOutput>.Continue start, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(rng);
        _round = start.Round;
        _rng = rng;
        Context = start.Round.Context;
        InitialMessages = start.Outgoing;
    }

    public ProtocolContext Context { get; }

    /// <summary>The messages to send before any message arrives.</summary>
    public IReadOnlyList<ProtocolMessage> InitialMessages { get; }

    public RunStatus Status { get; private set; } = RunStatus.Running;

    /// <summary>The result, once <see cref="Status"/> is <see cref="RunStatus.Completed"/>.</summary>
    public TOutput? Output { get; private set; }

    /// <summary>Why the run stopped, once <see cref="Status"/> is <see cref="RunStatus.Aborted"/>.</summary>
    public Abort? Abort { get; private set; }

    /// <summary>The round now waiting for messages (null once finished).</summary>
    public int? CurrentRound => _round?.Number;

    /// <summary>Messages dropped without blame (other sessions, duplicates, strangers), for diagnostics.</summary>
    public IReadOnlyList<MessageCheck> Ignored => _ignored;

    /// <summary>Processes one incoming message and returns the messages to send as a result (often none).</summary>
    public IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_round is null)
        {
            return [];
        }

        if (message.Round > _round.Number && message.Round <= _round.Number + MaxRoundsAhead
            && message.Session == Context.Session && message.From != Context.Self && Context.Contains(message.From))
        {
            if (_early.Count < Context.Parties.Count * 2 * MaxRoundsAhead)
            {
                _early.Add(message);
            }

            return [];
        }

        var outgoing = new List<ProtocolMessage>();
        Deliver(message, outgoing);
        return outgoing;
    }

    private void Deliver(ProtocolMessage message, List<ProtocolMessage> outgoing)
    {
        var check = _round!.VerifyMessage(message);
        switch (check.Verdict)
        {
            case MessageVerdict.Ignore:
                _ignored.Add(check);
                return;
            case MessageVerdict.Fault:
                Stop(Abort.Blame(check.Culprit!.Value, check.Reason));
                return;
        }

        _round.StoreMessage(check);
        while (_round is { CanFinalize: true })
        {
            switch (_round.Finalize(_rng))
            {
                case RoundResult<TOutput>.Continue next:
                    outgoing.AddRange(next.Outgoing);
                    _round = next.Round;
                    ReplayEarlyMessages(outgoing);
                    break;
                case RoundResult<TOutput>.Done done:
                    outgoing.AddRange(done.Outgoing);
                    Output = done.Output;
                    Status = RunStatus.Completed;
                    _round = null;
                    break;
                case RoundResult<TOutput>.Aborted aborted:
                    Stop(aborted.Abort);
                    break;
            }
        }
    }

    private void ReplayEarlyMessages(List<ProtocolMessage> outgoing)
    {
        var ready = _early.Where(m => m.Round == _round!.Number).ToList();
        _early.RemoveAll(m => m.Round <= _round!.Number);
        foreach (var message in ready)
        {
            if (_round is null || _round.Number != message.Round)
            {
                return;
            }

            Deliver(message, outgoing);
        }
    }

    private void Stop(Abort abort)
    {
        Abort = abort;
        Status = RunStatus.Aborted;
        _round = null;
        _early.Clear();
    }
}
