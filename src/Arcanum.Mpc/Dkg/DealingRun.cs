using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// One party's state across the rounds of a verifiable dealing: the rules, its own dealing (the
/// commitment and the shares it sent, kept until the run ends in case it must reveal them) and its
/// combined share. <see cref="ClearSecrets"/> zeroes every secret when the run ends either way.
/// </summary>
internal sealed class DealingRun<TPoint, TScalar, TOutput>(ProtocolContext context, DealingRules<TPoint, TScalar, TOutput> rules)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly Dictionary<PartyId, TScalar> _sentShares = [];

    public ProtocolContext Context { get; } = context;

    public DealingRules<TPoint, TScalar, TOutput> Rules { get; } = rules;

    public PartyId Self => Context.Self;

    /// <summary>This party's own round-1 dealing, when it deals.</summary>
    public DealerCommitment<TPoint, TScalar>? OwnDealing { get; set; }

    /// <summary>f_self(self), when this party both deals and receives.</summary>
    public TScalar? OwnShare { get; set; }

    /// <summary>s_self = Σ_i f_i(self) once round 1 completed without a complaint by this party.</summary>
    public TScalar? CombinedShare { get; set; }

    public void RecordSentShare(PartyId receiver, TScalar share) => _sentShares[receiver] = share;

    public bool TryGetSentShare(PartyId receiver, out TScalar share) => _sentShares.TryGetValue(receiver, out share);

    public void ClearSecrets()
    {
        foreach (var receiver in _sentShares.Keys)
        {
            _sentShares[receiver] = default;
        }

        _sentShares.Clear();
        OwnShare = null;
        CombinedShare = null;
    }
}

/// <summary>A dealer's round-1 broadcast, decoded: C_i and the constant-term proof.</summary>
internal sealed record DealerCommitment<TPoint, TScalar>(FeldmanCommitment<TPoint, TScalar> Commitment, byte[] Proof)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>;

/// <summary>A complaint of round 2: <paramref name="Accuser"/>'s share from <paramref name="Dealer"/> failed verification.</summary>
internal readonly record struct Complaint(PartyId Accuser, PartyId Dealer);

/// <summary>
/// A round-1 unicast share as received. A malformed share is not a fault by itself — only its
/// recipient sees it, so it becomes a complaint that every party can then judge. The value is
/// taken out once and zeroed here.
/// </summary>
internal sealed class ReceivedShare<TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly bool _wellFormed;
    private TScalar _value;

    private ReceivedShare(bool wellFormed, TScalar value)
    {
        _wellFormed = wellFormed;
        _value = value;
    }

    public static ReceivedShare<TScalar> Decode(ReadOnlyMemory<byte> payload)
    {
        TScalar value = default;
        var wellFormed = DealingWire.TryParse(Wire.FrostDkgShare.Parser, payload, out var message)
            && DealingWire.TryDecodeScalar(message!.Share.Span, out value);
        return new ReceivedShare<TScalar>(wellFormed, value);
    }

    /// <summary>The share (once); false when it was malformed.</summary>
    public bool TryTake(out TScalar value)
    {
        value = _value;
        _value = default;
        return _wellFormed;
    }

    public override string ToString() => "[redacted]";
}
