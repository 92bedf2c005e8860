using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// The coordinator's aggregation step (RFC 9591 §5.3 aggregate with §5.4 verify_signature_share),
/// pure and holding no secret. It sums the shares and returns the signature only after the suite's
/// own verification accepted it; when it does not, it checks every share (§5.4) so that all bad
/// signers are named together. Checking shares only on failure is ZF frost's "cheater detection"
/// order: a valid signature needs no blame, and the per-share checks cost t scalar multiplications.
/// </summary>
public sealed class FrostAggregator<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly FrostCiphersuite<TPoint, TScalar> _suite;
    private readonly GroupKey<TPoint, TScalar> _key;

    public FrostAggregator(FrostCiphersuite<TPoint, TScalar> suite, GroupKey<TPoint, TScalar> key)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(key);
        _suite = suite;
        _key = key;
    }

    /// <summary>
    /// Verifies each share and aggregates. Fails with an <see cref="Abort"/> that names every signer
    /// whose share is missing or invalid (or who is not a signer of the package), or names nobody
    /// when the shares are all valid yet the signature is not (which would be a bug).
    /// </summary>
    /// <exception cref="ArgumentException">The package itself is unusable under this key (local misuse).</exception>
    public bool TryAggregate(
        SigningPackage<TPoint, TScalar> package,
        IReadOnlyDictionary<PartyId, TScalar> shares,
        [NotNullWhen(true)] out byte[]? signature,
        [NotNullWhen(false)] out Abort? abort)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(shares);
        signature = null;
        if (package.ProblemWith(_key) is { } problem)
        {
            throw new ArgumentException($"Cannot aggregate: {problem}.", nameof(package));
        }

        var signingKey = _suite.SigningKey(_key, package.Tweak);
        if (!SigningTranscript<TPoint, TScalar>.TryCompute(_suite, signingKey, package, out var transcript))
        {
            abort = new Abort("the group commitment is the identity", []);
            return false;
        }

        var strangers = shares.Keys.Where(s => package.CommitmentOf(s) is null).ToArray();
        if (strangers.Length == 0 && package.Signers.All(shares.ContainsKey))
        {
            // §5.3: z = Σ z_i; the signature is (R, z) in the suite's encoding.
            var z = TScalar.Zero;
            foreach (var signer in package.Signers)
            {
                z += shares[signer];
            }

            signature = _suite.EncodeSignature(transcript.GroupCommitment, z);
            if (_suite.Verify(signingKey.PublicKey, package.Message, signature))
            {
                abort = null;
                return true;
            }

            signature = null;
        }

        var culprits = package.Signers.Where(s => !shares.TryGetValue(s, out var share) || !IsValidShare(transcript, s, share))
            .Concat(strangers)
            .Order()
            .ToArray();
        abort = culprits.Length > 0
            ? new Abort("signature shares missing or failing verification (RFC 9591 §5.4)", culprits)
            : new Abort("every share verified but the aggregate signature does not", []);
        return false;
    }

    /// <summary>§5.4 verify_signature_share: G·z_i = comm_share + Y_i·(c·λ_i).</summary>
    private static bool IsValidShare(SigningTranscript<TPoint, TScalar> transcript, PartyId signer, TScalar z)
    {
        var verificationShare = transcript.SigningKey.VerificationShares[signer];
        var expected = transcript.CommitmentShare(signer) + (verificationShare * (transcript.Challenge * transcript.Lambda(signer)));
        return TPoint.MultiplyBase(z) == expected;
    }
}
