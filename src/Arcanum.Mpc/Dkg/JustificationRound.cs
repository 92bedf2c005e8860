using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// Round 3, only after a complaint: consumes every other party's justification (echoing round 2),
/// in which an accused dealer reveals the share it sent each accuser. Every party then applies the
/// same rule to every complaint: a revealed share that passes the Feldman check against the
/// dealer's commitment means the accuser lied (culprit: the accuser); a missing, malformed or
/// failing one means the dealer cheated (culprit: the dealer). The run always aborts, naming them.
/// </summary>
internal sealed class JustificationRound<TPoint, TScalar, TOutput> : Round<TOutput>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public const int RoundNumber = 3;

    private readonly DealingRun<TPoint, TScalar, TOutput> _run;
    private readonly IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> _dealings;
    private readonly IReadOnlyList<Complaint> _complaints;

    public JustificationRound(
        DealingRun<TPoint, TScalar, TOutput> run,
        IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> dealings,
        IReadOnlyList<Complaint> complaints,
        ProtocolMessage ownBroadcast,
        BroadcastEcho echo)
        : base(run.Context, RoundNumber, RoundInputs.Broadcast, ownBroadcast, echo)
    {
        _run = run;
        _dealings = dealings;
        _complaints = complaints;
    }

    /// <summary>Only the structure is checked here; whether a revealed share is valid is decided in <see cref="Complete"/>.</summary>
    protected override MessageCheck VerifyContent(ProtocolMessage message)
    {
        if (!DealingWire.TryParse(FrostDkgJustification.Parser, message.Payload, out var wire))
        {
            return MessageCheck.Fault(message.From, "round 3 broadcast is not the canonical encoding of a FrostDkgJustification");
        }

        var revealed = new Dictionary<PartyId, byte[]>();
        foreach (var share in wire!.Shares)
        {
            if (DealingWire.ToPartyId(share.Recipient) is not { } recipient
                || !_complaints.Contains(new Complaint(recipient, message.From))
                || !revealed.TryAdd(recipient, share.Share.ToByteArray()))
            {
                return MessageCheck.Fault(message.From, $"revealed a share for {share.Recipient}, who did not accuse it (or twice)");
            }
        }

        return Accept(message, revealed);
    }

    protected override RoundResult<TOutput> Complete(RandomNumberGenerator rng)
    {
        var culprits = _complaints.Select(c => RevealedShareVerifies(c) ? c.Accuser : c.Dealer).Distinct().Order().ToArray();
        _run.ClearSecrets();
        return Fail(new Abort("verifiable dealing failed: complaints about dealt shares were resolved", culprits));
    }

    private bool RevealedShareVerifies(Complaint complaint)
    {
        TScalar share;
        if (complaint.Dealer == Context.Self)
        {
            if (!_run.TryGetSentShare(complaint.Accuser, out share))
            {
                return false;
            }
        }
        else if (!BroadcastFrom<Dictionary<PartyId, byte[]>>(complaint.Dealer).TryGetValue(complaint.Accuser, out var encoded)
            || !DealingWire.TryDecodeScalar(encoded, out share))
        {
            return false;
        }

        return DealingMath.VerifyShare(_dealings[complaint.Dealer].Commitment, complaint.Accuser, share);
    }
}
