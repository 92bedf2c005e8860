using System.Security.Cryptography;
using Google.Protobuf;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// The bookkeeping every round shares, so a concrete round only decodes and checks its own payload
/// (<see cref="VerifyContent"/>) and computes its result (<see cref="Complete"/>). The base class
/// ignores messages of other sessions or rounds, from strangers or addressed to someone else, and
/// exact duplicates; it faults a sender that sends a message kind the round does not expect, an
/// oversized payload, two different messages for the same slot, or an echo that disagrees with
/// this party's view of the previous round's broadcasts.
/// </summary>
public abstract class Round<TOutput> : IRound<TOutput>
{
    private readonly Dictionary<PartyId, MessageCheck> _broadcasts = [];
    private readonly Dictionary<PartyId, MessageCheck> _unicasts = [];
    private readonly RoundInputs _inputs;
    private readonly BroadcastEcho? _expectedEcho;
    private readonly ProtocolMessage? _ownBroadcast;
    private readonly IReadOnlySet<PartyId> _senders;

    /// <param name="context">The run this round belongs to.</param>
    /// <param name="number">The round number of the messages this round consumes.</param>
    /// <param name="inputs">Which messages each other party sends in this round.</param>
    /// <param name="ownBroadcast">This party's own broadcast of this round for the echo; null when this party does not broadcast in this round.</param>
    /// <param name="expectedEcho">This party's view of the previous round's broadcasts, which every message of this round must echo; null when the previous round had none.</param>
    /// <param name="senders">The parties that send in this round (for example, only the old committee deals in a reshare); null means every other party. This party is never among them.</param>
    protected Round(ProtocolContext context, int number, RoundInputs inputs, ProtocolMessage? ownBroadcast, BroadcastEcho? expectedEcho, IEnumerable<PartyId>? senders = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, WireLimits.MaxRound);
        _senders = (senders ?? context.Others).Where(p => p != context.Self).ToHashSet();
        if (!_senders.All(context.Contains))
        {
            throw new ArgumentException("Every sender must be a party of the session.", nameof(senders));
        }

        Context = context;
        Number = number;
        _inputs = inputs;
        _ownBroadcast = ownBroadcast;
        _expectedEcho = expectedEcho;
    }

    public int Number { get; }

    public ProtocolContext Context { get; }

    public bool CanFinalize =>
        (!_inputs.HasFlag(RoundInputs.Broadcast) || _broadcasts.Count == _senders.Count)
        && (!_inputs.HasFlag(RoundInputs.Unicast) || _unicasts.Count == _senders.Count);

    /// <summary>The parties this round waits for.</summary>
    protected IReadOnlySet<PartyId> Senders => _senders;

    public MessageCheck VerifyMessage(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Session != Context.Session)
        {
            return MessageCheck.Ignore($"message of session {message.Session}, not {Context.Session}");
        }

        if (message.Round != Number)
        {
            return MessageCheck.Ignore($"message of round {message.Round} while in round {Number}");
        }

        if (message.From == Context.Self || !Context.Contains(message.From))
        {
            return MessageCheck.Ignore($"message from {message.From}, who is not another party of this session");
        }

        if (!_senders.Contains(message.From))
        {
            return MessageCheck.Fault(message.From, $"sent a round {Number} message but has no part in that round");
        }

        if (message.To is { } to && to != Context.Self)
        {
            return MessageCheck.Ignore($"unicast addressed to {to}");
        }

        var kind = message.IsBroadcast ? RoundInputs.Broadcast : RoundInputs.Unicast;
        if (!_inputs.HasFlag(kind))
        {
            return MessageCheck.Fault(message.From, $"sent a {kind.ToString().ToLowerInvariant()} message in round {Number}, which has none");
        }

        if (message.Payload.Length > WireLimits.MaxPayloadBytes)
        {
            return MessageCheck.Fault(message.From, $"round {Number} payload of {message.Payload.Length} bytes exceeds the {WireLimits.MaxPayloadBytes}-byte limit");
        }

        var slot = message.IsBroadcast ? _broadcasts : _unicasts;
        if (slot.TryGetValue(message.From, out var stored))
        {
            return stored.Message!.SameContentAs(message)
                ? MessageCheck.Ignore("duplicate of a stored message")
                : MessageCheck.Fault(message.From, $"sent two different round {Number} {kind.ToString().ToLowerInvariant()} messages");
        }

        if (CheckEcho(message) is { } echoFault)
        {
            return echoFault;
        }

        return VerifyContent(message);
    }

    public void StoreMessage(MessageCheck accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Verdict != MessageVerdict.Accept || !ReferenceEquals(accepted.Issuer, this))
        {
            throw new ArgumentException("Only a check this round accepted can be stored.", nameof(accepted));
        }

        var message = accepted.Message!;
        var slot = message.IsBroadcast ? _broadcasts : _unicasts;
        if (!slot.TryAdd(message.From, accepted))
        {
            throw new InvalidOperationException($"A round {Number} message from {message.From} is already stored; verify before storing.");
        }
    }

    public RoundResult<TOutput> Finalize(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!CanFinalize)
        {
            throw new InvalidOperationException($"Round {Number} still waits for messages.");
        }

        return Complete(rng);
    }

    /// <summary>Decodes and checks the payload (pure). Return <see cref="Accept"/> or a <see cref="MessageCheck.Fault"/> naming the sender.</summary>
    protected abstract MessageCheck VerifyContent(ProtocolMessage message);

    /// <summary>Computes the round's result once every expected message is stored.</summary>
    protected abstract RoundResult<TOutput> Complete(RandomNumberGenerator rng);

    protected MessageCheck Accept(ProtocolMessage message, object content) => MessageCheck.Accept(this, message, content);

    /// <summary>The decoded broadcast each other party sent in this round.</summary>
    protected T BroadcastFrom<T>(PartyId party) => (T)_broadcasts[party].Content!;

    /// <summary>The decoded unicast each other party sent to this party in this round.</summary>
    protected T UnicastFrom<T>(PartyId party) => (T)_unicasts[party].Content!;

    /// <summary>This party's view of the round's broadcasts (its own included), for the next round's echo.</summary>
    protected BroadcastEcho EchoOfBroadcasts()
    {
        var received = _broadcasts.Values.Select(c => c.Message!);
        return BroadcastEcho.Of(_ownBroadcast is null ? received : received.Append(_ownBroadcast));
    }

    protected RoundResult<TOutput> Next(IRound<TOutput> round, IReadOnlyList<ProtocolMessage> outgoing) =>
        new RoundResult<TOutput>.Continue(round, outgoing);

    protected static RoundResult<TOutput> Fail(Abort abort) => new RoundResult<TOutput>.Aborted(abort);

    protected ProtocolMessage Broadcast(int round, IMessage payload, BroadcastEcho? echo) =>
        Message(Context, round, null, payload, echo);

    protected ProtocolMessage Unicast(int round, PartyId to, IMessage payload, BroadcastEcho? echo) =>
        Message(Context, round, to, payload, echo);

    /// <summary>Builds an outgoing message from this party (also used by the code that starts a protocol).</summary>
    public static ProtocolMessage Message(ProtocolContext context, int round, PartyId? to, IMessage payload, BroadcastEcho? echo)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(payload);
        return new ProtocolMessage(context.Session, round, context.Self, to, payload.ToByteArray(), echo?.Encoded ?? ReadOnlyMemory<byte>.Empty);
    }

    private MessageCheck? CheckEcho(ProtocolMessage message)
    {
        if (_expectedEcho is null)
        {
            return message.Echo.IsEmpty ? null : MessageCheck.Fault(message.From, $"round {Number} message carries an echo, but the previous round had no broadcast");
        }

        return _expectedEcho.FindEquivocator(message.Echo.Span, message.From, Context.Self) is { } culprit
            ? MessageCheck.Fault(culprit, culprit == message.From
                ? $"round {Number} message from {message.From} echoes a different view of round {Number - 1}'s broadcasts"
                : $"equivocated: its round {Number - 1} broadcast differs between {Context.Self} and {message.From}")
            : null;
    }
}
