using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// FROST distributed key generation (Komlo–Goldberg 2020, Fig. 1 "KeyGen"; the DKG ZF frost
/// implements, RFC 9591 leaving key generation out of scope): every party deals a random secret
/// a_i0 with a proof of knowledge, and ends with s_i = Σ_j f_j(i), PK = Σ_j C_j0 and every
/// Y_k = Σ_j Σ_m C_jm·k^m — or all parties abort naming the culprits. See docs/dkg.md.
/// </summary>
public static class FrostDkg
{
    /// <summary>The largest committee a DKG accepts.</summary>
    public const int MaxParties = 32;

    private const string ChainCodeLabel = "arcanum/v1/frost-dkg/chain-code";

    /// <summary>
    /// Starts a <paramref name="threshold"/>-of-n DKG among <paramref name="context"/>'s parties
    /// (1 &lt; t ≤ n ≤ 32): returns round 1 and this party's round-1 messages, for a <see cref="PartyRunner{TOutput}"/>.
    /// </summary>
    public static RoundResult<KeyShare<TPoint, TScalar>>.Continue Start<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, ProtocolContext context, int threshold, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(context.Parties.Count, MaxParties, nameof(context));
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, context.Parties.Count);

        // Round 1 step 1: a_i0 random (the other coefficients are drawn by the dealing engine).
        var secret = TScalar.Random(rng);
        var start = VerifiableDealing.Start(context, new DkgRules<TPoint, TScalar>(suite, context.Parties, threshold), secret, rng);
        secret = default;
        return start;
    }

    /// <summary>
    /// The chain code of a DKG key: SHA-256 over the label "arcanum/v1/frost-dkg/chain-code", the
    /// session id, the threshold and every dealer's round-1 commitment — public and identical at
    /// every party, and unpredictable to any party that does not control all dealers.
    /// </summary>
    private static byte[] ChainCode<TPoint, TScalar>(DealingOutcome<TPoint, TScalar> outcome, int threshold)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        DealingTranscript.Hash(ChainCodeLabel, outcome.Context.Session, threshold, outcome.Dealings, includeProofs: false);

    /// <summary>DKG rules: every party deals and receives; the constant term is proved by a Schnorr proof of knowledge bound to the session.</summary>
    private sealed class DkgRules<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, IReadOnlyList<PartyId> parties, int threshold)
        : DealingRules<TPoint, TScalar, KeyShare<TPoint, TScalar>>("arcanum/v1/frost-dkg/transcript", parties, parties, threshold)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        public override byte[] ProveConstantTerm(SessionId session, PartyId dealer, TScalar constantTerm, RandomNumberGenerator rng) =>
            DkgProofOfKnowledge.Prove(suite, session.ToArray(), dealer, constantTerm, rng);

        public override string? CheckConstantTerm(SessionId session, PartyId dealer, TPoint constantTermCommitment, ReadOnlySpan<byte> proof) =>
            DkgProofOfKnowledge.Verify(suite, session.ToArray(), dealer, constantTermCommitment, proof) ? null : "proof of knowledge of a_i0 does not verify";

        /// <summary>Round 2 step 4: PK, every Y_k, and this party's KeyShare.</summary>
        public override RoundResult<KeyShare<TPoint, TScalar>> Finish(DealingOutcome<TPoint, TScalar> outcome)
        {
            if (outcome.PublicKey.IsIdentity)
            {
                return new RoundResult<KeyShare<TPoint, TScalar>>.Aborted(new Abort("the dealt group key is the identity", []));
            }

            var groupKey = new GroupKey<TPoint, TScalar>(outcome.PublicKey, outcome.VerificationShares(), Threshold, ChainCode(outcome, Threshold));
            var share = new KeyShare<TPoint, TScalar>(outcome.Context.Self, outcome.Share!.Value, groupKey);
            return new RoundResult<KeyShare<TPoint, TScalar>>.Done(share, []);
        }
    }
}
