using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Reshare;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// Threshold ECDSA key generation (DKLs23 §3 setup; the DKG of ePrint 2023/602 Protocol 9.1):
/// the Feldman-VSS DKG with proofs of knowledge that FROST keys use (<see cref="FrostDkg"/> over
/// secp256k1: s_i, PK, every Y_j, and the chain code hashed from every dealer's committed
/// randomness), then <see cref="PairwiseSetup"/> (zero-sharing seeds and base OTs for every pair).
/// Three rounds without complaints. See docs/ecdsa.md.
/// </summary>
public static class EcdsaKeygen
{
    /// <summary>The largest committee of an ECDSA key (each pair keeps OT state, so it grows with n²).</summary>
    public const int MaxParties = 16;

    /// <summary>Starts a <paramref name="threshold"/>-of-n key generation among <paramref name="context"/>'s parties (2 ≤ t ≤ n ≤ 16).</summary>
    public static RoundResult<EcdsaKeyShare>.Continue Start(ProtocolContext context, int threshold, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(context.Parties.Count, MaxParties, nameof(context));
        return ProtocolSequence.Then(
            FrostDkg.Start(FrostSecp256k1.Instance, context, threshold, rng),
            (KeyShare<Secp256k1Point, Secp256k1Scalar> share, RandomNumberGenerator random) => PairwiseSetup.Start(context, share, s => s, random));
    }
}

/// <summary>
/// Refresh of an ECDSA key (same PK and chain code, new shares on a new polynomial, so old shares
/// do not combine with new ones) with fresh zero-sharing seeds and base OTs for every pair: the
/// FROST refresh, then <see cref="PairwiseSetup"/>. The old share (and its OT state) is useless
/// afterwards; the caller deletes it once every party has stored the new one.
/// </summary>
public static class EcdsaRefresh
{
    /// <summary>Starts this party's refresh; the session's parties must be exactly the key's parties.</summary>
    public static RoundResult<EcdsaKeyShare>.Continue Start(ProtocolContext context, EcdsaKeyShare share, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(share);
        return ProtocolSequence.Then(
            FrostRefresh.Start(context, share.Share, rng),
            (KeyShare<Secp256k1Point, Secp256k1Scalar> refreshed, RandomNumberGenerator random) => PairwiseSetup.Start(context, refreshed, s => s, random));
    }
}

/// <summary>What an ECDSA reshare gives one party: the new committee's key data and, for its members, the new share.</summary>
public sealed class EcdsaReshareResult(GroupKey<Secp256k1Point, Secp256k1Scalar> groupKey, EcdsaKeyShare? share) : IDisposable
{
    public GroupKey<Secp256k1Point, Secp256k1Scalar> GroupKey { get; } = groupKey;

    /// <summary>Null for a party of the old committee only.</summary>
    public EcdsaKeyShare? Share { get; } = share;

    public void Dispose() => Share?.Dispose();
}

/// <summary>
/// Resharing an ECDSA key to a new committee and/or threshold (same PK and chain code): the FROST
/// reshare among dealers D ∪ new committee N, then <see cref="PairwiseSetup"/> among N only.
/// </summary>
public static class EcdsaReshare
{
    /// <summary>Starts this party's part; the session's parties must be exactly D ∪ N. A dealer passes its old share, others null.</summary>
    public static RoundResult<EcdsaReshareResult>.Continue Start(
        ProtocolContext context,
        GroupKey<Secp256k1Point, Secp256k1Scalar> oldKey,
        EcdsaKeyShare? oldShare,
        IReadOnlyCollection<PartyId> dealers,
        IReadOnlyCollection<PartyId> newParties,
        int newThreshold,
        RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(newParties);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newParties.Count, EcdsaKeygen.MaxParties, nameof(newParties));
        return ProtocolSequence.Then(
            FrostReshare.Start(context, oldKey, oldShare?.Share, dealers, newParties, newThreshold, rng),
            (ReshareResult<Secp256k1Point, Secp256k1Scalar> result, RandomNumberGenerator random) => result.Share is { } share
                ? PairwiseSetup.Start(
                    new ProtocolContext(context.Session, context.Self, newParties), share, s => new EcdsaReshareResult(result.GroupKey, s), random)
                : new RoundResult<EcdsaReshareResult>.Done(new EcdsaReshareResult(result.GroupKey, null), []));
    }
}
