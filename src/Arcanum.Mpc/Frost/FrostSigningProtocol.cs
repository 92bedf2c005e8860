using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// FROST signing between the parties of a <see cref="ProtocolContext"/> (the signer set), each of
/// which ends with the aggregated, verified signature (every party runs <see cref="FrostAggregator{TPoint, TScalar}"/>
/// on the same shares, so each one checks every other signer). Session inputs — message, signer
/// set, tweak — are agreed before the session starts; the rounds do not renegotiate them.
/// <list type="bullet">
/// <item><see cref="Start"/>: two rounds. Round 1 broadcasts (D_i, E_i) (RFC 9591 §5.1); round 2
/// broadcasts z_i (§5.2) with the echo of round 1, so a signer that sent two different commitments
/// is named before anyone aggregates.</item>
/// <item><see cref="StartPreprocessed"/>: one round from a signing package built from preprocessed
/// commitments (<see cref="NoncePool{TPoint, TScalar}"/>): the only message is z_i.</item>
/// </list>
/// Parties outside the signer set are strangers to the session: the kernel ignores their messages.
/// </summary>
public static class FrostSigningProtocol
{
    /// <summary>Two-round signing: draws fresh nonces and returns round 1 with this signer's commitment broadcast.</summary>
    public static RoundResult<byte[]>.Continue Start<TPoint, TScalar>(
        ProtocolContext context, FrostSigner<TPoint, TScalar> signer, ReadOnlySpan<byte> message, TaprootTweak? tweak, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        CheckSignerSet(context, signer);
        var nonces = signer.Commit(rng);
        var broadcast = Round<byte[]>.Message(context, 1, null, FrostSigningWire.Encode(nonces.Commitment), null);
        var round = new FrostCommitmentRound<TPoint, TScalar>(context, signer, nonces, message, tweak, broadcast);
        return new RoundResult<byte[]>.Continue(round, [broadcast]);
    }

    /// <summary>
    /// One-round signing from a package of preprocessed commitments whose signers are exactly the
    /// session's parties: signs at once and returns round 1, which collects the other shares. Aborts
    /// without culprit (and releases nothing) when <paramref name="nonces"/> were used before.
    /// </summary>
    public static RoundResult<byte[]> StartPreprocessed<TPoint, TScalar>(
        ProtocolContext context, FrostSigner<TPoint, TScalar> signer, SigningPackage<TPoint, TScalar> package, SigningNonces<TPoint, TScalar> nonces)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        CheckSignerSet(context, signer);
        ArgumentNullException.ThrowIfNull(package);
        if (!package.Signers.SequenceEqual(context.Parties))
        {
            throw new ArgumentException("The package's signers must be exactly the session's parties.", nameof(package));
        }

        return SignAndBroadcast(context, signer, package, nonces, round: 1, echo: null);
    }

    /// <summary>§5.2 for this signer, then the round that collects every other share (number <paramref name="round"/>).</summary>
    internal static RoundResult<byte[]> SignAndBroadcast<TPoint, TScalar>(
        ProtocolContext context, FrostSigner<TPoint, TScalar> signer, SigningPackage<TPoint, TScalar> package, SigningNonces<TPoint, TScalar> nonces, int round, BroadcastEcho? echo)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        if (!signer.TrySign(package, nonces, out var share))
        {
            return new RoundResult<byte[]>.Aborted(new Abort($"{signer.Id} refuses to sign: its nonces were already consumed", []));
        }

        var broadcast = Round<byte[]>.Message(context, round, null, FrostSigningWire.Encode(share), echo);
        var next = new FrostShareRound<TPoint, TScalar>(context, round, signer, package, share.Value, broadcast, echo);
        return new RoundResult<byte[]>.Continue(next, [broadcast]);
    }

    private static void CheckSignerSet<TPoint, TScalar>(ProtocolContext context, FrostSigner<TPoint, TScalar> signer)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signer);
        if (context.Self != signer.Id)
        {
            throw new ArgumentException($"The session runs as {context.Self}, the signer is {signer.Id}.", nameof(signer));
        }

        if (context.Parties.Count < signer.GroupKey.Threshold || !context.Parties.All(signer.GroupKey.VerificationShares.ContainsKey))
        {
            throw new ArgumentException($"The session's parties are not a signer set of the {signer.GroupKey.Threshold}-of-{signer.GroupKey.PartyCount} key.", nameof(context));
        }
    }
}
