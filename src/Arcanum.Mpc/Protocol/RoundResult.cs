namespace Arcanum.Mpc.Protocol;

/// <summary>What <see cref="IRound{TOutput}.Finalize"/> returns: the next round and the messages to send, the output, or an abort.</summary>
public abstract record RoundResult<TOutput>
{
    private RoundResult()
    {
    }

    /// <summary>Send <paramref name="Outgoing"/>, then feed the next round's messages to <paramref name="Round"/>.</summary>
    public sealed record Continue(IRound<TOutput> Round, IReadOnlyList<ProtocolMessage> Outgoing) : RoundResult<TOutput>;

    /// <summary>The protocol finished; <paramref name="Outgoing"/> are final messages (for example, signature shares for an aggregator).</summary>
    public sealed record Done(TOutput Output, IReadOnlyList<ProtocolMessage> Outgoing) : RoundResult<TOutput>;

    public sealed record Aborted(Abort Abort) : RoundResult<TOutput>;
}
