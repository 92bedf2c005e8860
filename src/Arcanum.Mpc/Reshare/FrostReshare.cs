using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Reshare;

/// <summary>
/// Reshare: a chosen subset D (at least t_old members) of an old key's committee hands the same
/// group key to a new committee N (n_new, t_new), through the verifiable dealing engine (docs/dkg.md).
/// Members may stay, join or leave; a joining member starts with only the old <see cref="GroupKey{TPoint, TScalar}"/>.
/// </summary>
public static class FrostReshare
{
    /// <summary>
    /// Starts this party's part. The session's parties must be exactly D ∪ N. A dealer passes its
    /// old share; a party that does not deal passes null.
    /// </summary>
    public static RoundResult<ReshareResult<TPoint, TScalar>>.Continue Start<TPoint, TScalar>(
        ProtocolContext context,
        GroupKey<TPoint, TScalar> oldKey,
        KeyShare<TPoint, TScalar>? oldShare,
        IReadOnlyCollection<PartyId> dealers,
        IReadOnlyCollection<PartyId> newParties,
        int newThreshold,
        RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        Start(context, oldKey, oldShare, dealers, newParties, newThreshold, (key, share) => new ReshareResult<TPoint, TScalar>(key, share), rng);

    /// <summary>The shared entry point of reshare and refresh; validates the committees and the old share.</summary>
    internal static RoundResult<TOutput>.Continue Start<TPoint, TScalar, TOutput>(
        ProtocolContext context,
        GroupKey<TPoint, TScalar> oldKey,
        KeyShare<TPoint, TScalar>? oldShare,
        IReadOnlyCollection<PartyId> dealers,
        IReadOnlyCollection<PartyId> newParties,
        int newThreshold,
        Func<GroupKey<TPoint, TScalar>, KeyShare<TPoint, TScalar>?, TOutput> output,
        RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(dealers);
        ArgumentNullException.ThrowIfNull(newParties);
        ArgumentNullException.ThrowIfNull(rng);
        if (dealers.Distinct().Count() != dealers.Count || !dealers.All(oldKey.VerificationShares.ContainsKey)
            || dealers.Count < Math.Max(oldKey.Threshold, 2))
        {
            throw new ArgumentException($"The dealers must be at least {Math.Max(oldKey.Threshold, 2)} distinct members of the old committee.", nameof(dealers));
        }

        if (newParties.Distinct().Count() != newParties.Count)
        {
            throw new ArgumentException("The new committee's members must be distinct.", nameof(newParties));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(newParties.Count, FrostDkg.MaxParties, nameof(newParties));
        ArgumentOutOfRangeException.ThrowIfLessThan(newThreshold, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newThreshold, newParties.Count);
        if (oldShare is not null && (oldShare.Id != context.Self || oldShare.GroupKey.PublicKey != oldKey.PublicKey
            || oldShare.VerificationShare != oldKey.VerificationShares[oldShare.Id]))
        {
            throw new ArgumentException("The old share must be this party's share of the old key.", nameof(oldShare));
        }

        var rules = new ReshareRules<TPoint, TScalar, TOutput>(oldKey, dealers, newParties, newThreshold, output);
        TScalar? constantTerm = oldShare is null ? null : rules.ConstantTerm(oldShare);
        var start = VerifiableDealing.Start(context, rules, constantTerm, rng);
        constantTerm = null;
        return start;
    }
}
