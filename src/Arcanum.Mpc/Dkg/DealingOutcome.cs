using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// The result of a dealing in which no one complained: every dealer's round-1 broadcast, the
/// summed commitment, and — for a receiver — its combined share s_ℓ = Σ_i f_i(ℓ).
/// </summary>
internal sealed class DealingOutcome<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly FeldmanCommitment<TPoint, TScalar> _sum;
    private readonly IReadOnlyList<PartyId> _receivers;

    public DealingOutcome(ProtocolContext context, IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> dealings, IReadOnlyList<PartyId> receivers, TScalar? share)
    {
        Context = context;
        Dealings = dealings;
        _receivers = receivers;
        Share = share;
        _sum = DealingMath.CombineCommitments([.. dealings.OrderBy(d => d.Key).Select(d => d.Value.Commitment)]);
    }

    public ProtocolContext Context { get; }

    /// <summary>Every dealer's round-1 broadcast.</summary>
    public IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> Dealings { get; }

    /// <summary>Σ_i C_i0.</summary>
    public TPoint PublicKey => _sum.PublicKey;

    /// <summary>s_ℓ for this party, or null when it receives nothing.</summary>
    public TScalar? Share { get; }

    /// <summary>Y_ℓ = Σ_i Σ_k C_ik·ℓ^k for every receiver ℓ.</summary>
    public Dictionary<PartyId, TPoint> VerificationShares() =>
        _receivers.ToDictionary(r => r, r => _sum.VerificationShare(r.ToScalar<TScalar>()));
}
