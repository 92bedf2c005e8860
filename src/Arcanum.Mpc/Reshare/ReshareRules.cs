using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Reshare;

/// <summary>
/// Dealing rules of refresh and reshare (Herzberg et al. 1995 proactive refresh; Desmedt–Jajodia
/// 1997 / Wong et al. 2002 redistribution): dealer i ∈ D deals a_i0 = λ_i·s_i, λ_i being its
/// Lagrange coefficient at zero over D, so Σ_i a_i0 = s and the new shares s'_j = Σ_i f_i(j) share
/// the same secret. Anyone checks C_i0 = λ_i·Y_i against the old group key, which replaces the
/// DKG's proof of knowledge (a dealer cannot choose its constant term). The new key keeps PK and
/// the chain code; the verification shares are Σ_i C_i evaluated at each new member.
/// </summary>
internal sealed class ReshareRules<TPoint, TScalar, TOutput> : DealingRules<TPoint, TScalar, TOutput>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly GroupKey<TPoint, TScalar> _oldKey;
    private readonly Dictionary<PartyId, TScalar> _lagrange;
    private readonly Func<GroupKey<TPoint, TScalar>, KeyShare<TPoint, TScalar>?, TOutput> _output;

    public ReshareRules(
        GroupKey<TPoint, TScalar> oldKey,
        IEnumerable<PartyId> dealers,
        IEnumerable<PartyId> receivers,
        int threshold,
        Func<GroupKey<TPoint, TScalar>, KeyShare<TPoint, TScalar>?, TOutput> output)
        : base("arcanum/v1/frost-reshare/transcript", dealers, receivers, threshold)
    {
        _oldKey = oldKey;
        _output = output;
        var identifiers = Dealers.Select(d => d.ToScalar<TScalar>()).ToArray();
        _lagrange = Dealers.ToDictionary(d => d, d => Lagrange.CoefficientAtZero<TScalar>(d.ToScalar<TScalar>(), identifiers));
    }

    /// <summary>a_i0 = λ_i·s_i for this dealer's old share.</summary>
    public TScalar ConstantTerm(KeyShare<TPoint, TScalar> oldShare) => _lagrange[oldShare.Id] * oldShare.Secret;

    /// <summary>No proof: C_i0 is checked against λ_i·Y_i instead.</summary>
    public override byte[] ProveConstantTerm(SessionId session, PartyId dealer, TScalar constantTerm, RandomNumberGenerator rng) => [];

    public override string? CheckConstantTerm(SessionId session, PartyId dealer, TPoint constantTermCommitment, ReadOnlySpan<byte> proof)
    {
        if (!proof.IsEmpty)
        {
            return "sent a constant-term proof, which a reshare does not use";
        }

        return constantTermCommitment == _oldKey.VerificationShares[dealer] * _lagrange[dealer]
            ? null
            : "C_i0 is not λ_i·Y_i: the dealer does not deal its share of the key";
    }

    public override RoundResult<TOutput> Finish(DealingOutcome<TPoint, TScalar> outcome)
    {
        // Σ λ_i·Y_i = PK holds whenever the old verification shares lie on one polynomial; a
        // mismatch means the old GroupKey itself is inconsistent, which is nobody's fault here.
        if (outcome.PublicKey != _oldKey.PublicKey)
        {
            return new RoundResult<TOutput>.Aborted(new Abort("the old group key's verification shares do not interpolate to its public key", []));
        }

        var groupKey = new GroupKey<TPoint, TScalar>(_oldKey.PublicKey, outcome.VerificationShares(), Threshold, _oldKey.ChainCode);
        var share = outcome.Share is { } secret ? new KeyShare<TPoint, TScalar>(outcome.Context.Self, secret, groupKey) : null;
        return new RoundResult<TOutput>.Done(_output(groupKey, share), []);
    }
}
