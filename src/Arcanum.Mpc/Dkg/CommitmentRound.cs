using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// Round 1 of the verifiable dealing (Komlo–Goldberg KeyGen round 1 steps 3–5 and round 2 steps
/// 1–2): consumes each dealer's broadcast C_i with its constant-term proof, and — at a receiver —
/// each dealer's unicast share f_i(self). A broadcast with the wrong number of commitments, a bad
/// encoding, the identity or a failing constant-term proof is a fault naming the dealer. Shares are
/// checked against C_i once every broadcast is in; a bad one becomes this party's complaint.
/// </summary>
internal sealed class CommitmentRound<TPoint, TScalar, TOutput> : Round<TOutput>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public const int RoundNumber = 1;

    private readonly DealingRun<TPoint, TScalar, TOutput> _run;

    public CommitmentRound(DealingRun<TPoint, TScalar, TOutput> run, ProtocolMessage? ownBroadcast)
        : base(
            run.Context,
            RoundNumber,
            run.Rules.IsReceiver(run.Self) ? RoundInputs.BroadcastAndUnicast : RoundInputs.Broadcast,
            ownBroadcast,
            expectedEcho: null,
            senders: run.Rules.Dealers) => _run = run;

    protected override MessageCheck VerifyContent(ProtocolMessage message)
    {
        if (!message.IsBroadcast)
        {
            return Accept(message, ReceivedShare<TScalar>.Decode(message.Payload));
        }

        if (!DealingWire.TryParse(FrostDkgCommitment.Parser, message.Payload, out var wire))
        {
            return MessageCheck.Fault(message.From, "round 1 broadcast is not the canonical encoding of a FrostDkgCommitment");
        }

        if (DealingWire.TryDecodeCommitment<TPoint, TScalar>(wire!, _run.Rules.Threshold, out var commitment) is { } malformed)
        {
            return MessageCheck.Fault(message.From, malformed);
        }

        if (_run.Rules.CheckConstantTerm(Context.Session, message.From, commitment!.PublicKey, wire!.ConstantTermProof.Span) is { } wrong)
        {
            return MessageCheck.Fault(message.From, wrong);
        }

        return Accept(message, new DealerCommitment<TPoint, TScalar>(commitment, wire.ConstantTermProof.ToByteArray()));
    }

    /// <summary>Round 2 step 2 (share verification) and step 3 (s_self = Σ f_i(self)); sends the confirmation.</summary>
    protected override RoundResult<TOutput> Complete(RandomNumberGenerator rng)
    {
        var rules = _run.Rules;
        var dealings = rules.Dealers.ToDictionary(d => d, d => d == _run.Self ? _run.OwnDealing! : BroadcastFrom<DealerCommitment<TPoint, TScalar>>(d));
        var accused = new List<PartyId>();
        if (rules.IsReceiver(_run.Self))
        {
            var combined = _run.OwnShare ?? TScalar.Zero;
            foreach (var dealer in rules.Dealers.Where(d => d != _run.Self))
            {
                if (UnicastFrom<ReceivedShare<TScalar>>(dealer).TryTake(out var share)
                    && DealingMath.VerifyShare(dealings[dealer].Commitment, _run.Self, share))
                {
                    combined += share;
                }
                else
                {
                    accused.Add(dealer);
                }

                share = default;
            }

            _run.CombinedShare = combined;
            combined = default;
        }

        var transcriptHash = DealingTranscript.Hash(rules.TranscriptLabel, Context.Session, rules.Threshold, dealings, includeProofs: true);
        var confirmation = new FrostDkgConfirmation { TranscriptHash = Google.Protobuf.ByteString.CopyFrom(transcriptHash) };
        confirmation.Accused.AddRange(accused.Select(d => (uint)d.Value));
        var echo = EchoOfBroadcasts();
        var broadcast = Broadcast(ConfirmationRound<TPoint, TScalar, TOutput>.RoundNumber, confirmation, echo);
        var next = new ConfirmationRound<TPoint, TScalar, TOutput>(_run, dealings, accused, transcriptHash, broadcast, echo);
        return Next(next, [broadcast]);
    }
}
