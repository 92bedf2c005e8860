using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// Round 2: consumes every other party's confirmation — the dealers it accuses and its hash of the
/// round-1 broadcasts — which echoes round 1, so a dealer that sent two versions of its commitment
/// is named by the echo check. A malformed accusation list or a different transcript hash is a
/// fault naming the confirmer. Without complaints every party outputs (Komlo–Goldberg round 2
/// step 4); with complaints the accused dealers must reveal the disputed shares in round 3.
/// <b>Departure:</b> Komlo–Goldberg abort on a bad share without saying who is to blame; the
/// complaint-and-reveal step is Pedersen's (Gennaro et al. 2007, §4 "Generating x", step 1(c–d)).
/// </summary>
internal sealed class ConfirmationRound<TPoint, TScalar, TOutput> : Round<TOutput>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public const int RoundNumber = 2;

    private readonly DealingRun<TPoint, TScalar, TOutput> _run;
    private readonly IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> _dealings;
    private readonly IReadOnlyList<PartyId> _ownAccusations;
    private readonly byte[] _transcriptHash;

    public ConfirmationRound(
        DealingRun<TPoint, TScalar, TOutput> run,
        IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> dealings,
        IReadOnlyList<PartyId> ownAccusations,
        byte[] transcriptHash,
        ProtocolMessage ownBroadcast,
        BroadcastEcho echo)
        : base(run.Context, RoundNumber, RoundInputs.Broadcast, ownBroadcast, echo)
    {
        _run = run;
        _dealings = dealings;
        _ownAccusations = ownAccusations;
        _transcriptHash = transcriptHash;
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message)
    {
        if (!DealingWire.TryParse(FrostDkgConfirmation.Parser, message.Payload, out var wire))
        {
            return MessageCheck.Fault(message.From, "round 2 broadcast is not the canonical encoding of a FrostDkgConfirmation");
        }

        if (wire!.TranscriptHash.Length != DealingTranscript.HashLength
            || !CryptographicOperations.FixedTimeEquals(wire.TranscriptHash.Span, _transcriptHash))
        {
            return MessageCheck.Fault(message.From, "confirmed a different round 1 transcript");
        }

        var rules = _run.Rules;
        if (wire.Accused.Count > 0 && !rules.IsReceiver(message.From))
        {
            return MessageCheck.Fault(message.From, "complained although it receives no share");
        }

        if (wire.Accused.Count > rules.Dealers.Count)
        {
            return MessageCheck.Fault(message.From, $"accused {wire.Accused.Count} parties, more than there are dealers");
        }

        var accused = new SortedSet<PartyId>();
        foreach (var value in wire.Accused)
        {
            if (DealingWire.ToPartyId(value) is not { } dealer || !rules.IsDealer(dealer) || dealer == message.From || !accused.Add(dealer))
            {
                return MessageCheck.Fault(message.From, $"accused {value}, which is not another dealer named once");
            }
        }

        return Accept(message, accused.ToArray());
    }

    protected override RoundResult<TOutput> Complete(RandomNumberGenerator rng)
    {
        var complaints = _ownAccusations.Select(d => new Complaint(Context.Self, d))
            .Concat(Context.Others.SelectMany(p => BroadcastFrom<PartyId[]>(p).Select(d => new Complaint(p, d))))
            .ToArray();
        if (complaints.Length == 0)
        {
            var outcome = new DealingOutcome<TPoint, TScalar>(Context, _dealings, _run.Rules.Receivers, _run.CombinedShare);
            var result = _run.Rules.Finish(outcome);
            _run.ClearSecrets();
            return result;
        }

        _run.CombinedShare = null;
        var justification = new FrostDkgJustification();
        foreach (var complaint in complaints.Where(c => c.Dealer == Context.Self))
        {
            _ = _run.TryGetSentShare(complaint.Accuser, out var share);
            justification.Shares.Add(new FrostDkgRevealedShare { Recipient = complaint.Accuser.Value, Share = DealingWire.Encode(share) });
        }

        var echo = EchoOfBroadcasts();
        var broadcast = Broadcast(JustificationRound<TPoint, TScalar, TOutput>.RoundNumber, justification, echo);
        return Next(new JustificationRound<TPoint, TScalar, TOutput>(_run, _dealings, complaints, broadcast, echo), [broadcast]);
    }
}
