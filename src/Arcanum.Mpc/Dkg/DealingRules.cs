using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// What distinguishes one use of the verifiable dealing from another: who deals, who receives,
/// the threshold of the dealt polynomials, how a dealer shows its constant term is the right one
/// (a proof of knowledge in a DKG, C_i0 = λ_i·Y_i in refresh/reshare), and what the parties output.
/// </summary>
internal abstract class DealingRules<TPoint, TScalar, TOutput>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    protected DealingRules(string transcriptLabel, IEnumerable<PartyId> dealers, IEnumerable<PartyId> receivers, int threshold)
    {
        TranscriptLabel = transcriptLabel;
        Dealers = [.. dealers.Order()];
        Receivers = [.. receivers.Order()];
        Threshold = threshold;
    }

    /// <summary>The domain label of the round-1 transcript hash.</summary>
    public string TranscriptLabel { get; }

    /// <summary>D: the parties that deal, ascending.</summary>
    public IReadOnlyList<PartyId> Dealers { get; }

    /// <summary>N: the parties that receive a share, ascending.</summary>
    public IReadOnlyList<PartyId> Receivers { get; }

    /// <summary>t: every dealt polynomial has t coefficients.</summary>
    public int Threshold { get; }

    public bool IsDealer(PartyId party) => Dealers.Contains(party);

    public bool IsReceiver(PartyId party) => Receivers.Contains(party);

    /// <summary>The constant-term proof dealer <paramref name="dealer"/> broadcasts for a_i0 = <paramref name="constantTerm"/>.</summary>
    public abstract byte[] ProveConstantTerm(SessionId session, PartyId dealer, TScalar constantTerm, RandomNumberGenerator rng);

    /// <summary>Null when C_i0 and the proof are right for <paramref name="dealer"/>; otherwise why not.</summary>
    public abstract string? CheckConstantTerm(SessionId session, PartyId dealer, TPoint constantTermCommitment, ReadOnlySpan<byte> proof);

    /// <summary>What the party outputs once every dealing verified (or an abort, when the result is unusable).</summary>
    public abstract RoundResult<TOutput> Finish(DealingOutcome<TPoint, TScalar> outcome);
}
