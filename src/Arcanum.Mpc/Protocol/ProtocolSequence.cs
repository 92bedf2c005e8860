using System.Security.Cryptography;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// Runs one protocol after another within the same session: when the first finishes, its output
/// starts the second, whose first messages go out together with the first protocol's final ones.
/// (ECDSA key generation is the FROST DKG followed by the pairwise OT setup round.) The second
/// protocol's round numbers must lie above the first's.
/// </summary>
public static class ProtocolSequence
{
    /// <param name="first">The first protocol's start.</param>
    /// <param name="then">Starts the second protocol from the first one's output: its first round and messages, an immediate output, or an abort.</param>
    public static RoundResult<TSecond>.Continue Then<TFirst, TSecond>(
        RoundResult<TFirst>.Continue first, Func<TFirst, RandomNumberGenerator, RoundResult<TSecond>> then)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(then);
        return new RoundResult<TSecond>.Continue(new SequencedRound<TFirst, TSecond>(first.Round, then), first.Outgoing);
    }

    /// <summary>A round of the first protocol, seen as a round of the sequence.</summary>
    private sealed class SequencedRound<TFirst, TSecond>(IRound<TFirst> inner, Func<TFirst, RandomNumberGenerator, RoundResult<TSecond>> then)
        : IRound<TSecond>
    {
        public int Number => inner.Number;

        public ProtocolContext Context => inner.Context;

        public bool CanFinalize => inner.CanFinalize;

        public MessageCheck VerifyMessage(ProtocolMessage message) => inner.VerifyMessage(message);

        public void StoreMessage(MessageCheck accepted) => inner.StoreMessage(accepted);

        public RoundResult<TSecond> Finalize(RandomNumberGenerator rng) => inner.Finalize(rng) switch
        {
            RoundResult<TFirst>.Continue next => new RoundResult<TSecond>.Continue(new SequencedRound<TFirst, TSecond>(next.Round, then), next.Outgoing),
            RoundResult<TFirst>.Done done => Prepend(done.Outgoing, then(done.Output, rng)),
            RoundResult<TFirst>.Aborted aborted => new RoundResult<TSecond>.Aborted(aborted.Abort),
            _ => throw new InvalidOperationException("Unknown round result."),
        };

        private static RoundResult<TSecond> Prepend(IReadOnlyList<ProtocolMessage> earlier, RoundResult<TSecond> result) => result switch
        {
            RoundResult<TSecond>.Continue next => next with { Outgoing = [.. earlier, .. next.Outgoing] },
            RoundResult<TSecond>.Done done => done with { Outgoing = [.. earlier, .. done.Outgoing] },
            _ => result,
        };
    }
}
