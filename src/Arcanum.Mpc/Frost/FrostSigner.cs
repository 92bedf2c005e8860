using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// One participant's signing component (RFC 9591 §5.2 sign). The only way to a signature share
/// goes through <see cref="TrySign"/>, which takes the nonces out of their single-use holder,
/// records their consumption in the <see cref="INonceLedger"/>, and computes the share only after
/// the ledger confirmed this was the first use.
/// </summary>
public sealed class FrostSigner<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly KeyShare<TPoint, TScalar> _share;
    private readonly INonceLedger _ledger;

    public FrostSigner(FrostCiphersuite<TPoint, TScalar> suite, KeyShare<TPoint, TScalar> share, INonceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(ledger);
        Suite = suite;
        _share = share;
        _ledger = ledger;
    }

    public FrostCiphersuite<TPoint, TScalar> Suite { get; }

    public PartyId Id => _share.Id;

    public GroupKey<TPoint, TScalar> GroupKey => _share.GroupKey;

    /// <summary>§5.1 commit: fresh nonces for this signer (see <see cref="SigningNonces{TPoint, TScalar}.Generate"/>).</summary>
    public SigningNonces<TPoint, TScalar> Commit(RandomNumberGenerator rng) =>
        SigningNonces<TPoint, TScalar>.Generate(Suite, _share, rng);

    /// <summary>
    /// §5.2 sign: z_i = d_i + e_i·ρ_i + λ_i·s_i·c, with s_i, Y_i and PK taken through the suite's
    /// <see cref="FrostCiphersuite{TPoint, TScalar}.SigningShare"/> (even-Y normalisation and
    /// taproot tweak) and d_i, e_i negated when the suite says so for R (BIP340).
    /// Returns false — and releases nothing — when the nonces were used before, in this object or
    /// according to the ledger, or when R is the identity. Throws for a package this signer must not
    /// sign (not among its signers, nonces not its commitment, too few signers): that is misuse.
    /// </summary>
    public bool TrySign(SigningPackage<TPoint, TScalar> package, SigningNonces<TPoint, TScalar> nonces, out SignatureShare<TScalar> share)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(nonces);
        share = default;
        if (package.ProblemWith(_share.GroupKey) is { } problem)
        {
            throw new ArgumentException($"Cannot sign: {problem}.", nameof(package));
        }

        if (package.CommitmentOf(Id) != nonces.Commitment)
        {
            throw new ArgumentException($"The package does not hold {Id}'s commitment to these nonces.", nameof(nonces));
        }

        var signingShare = Suite.SigningShare(_share, package.Tweak);
        try
        {
            if (!SigningTranscript<TPoint, TScalar>.TryCompute(Suite, signingShare.GroupKey, package, out var transcript))
            {
                nonces.Dispose();
                return false;
            }

            // Single use: first the in-memory holder, then the durable ledger; only then the share.
            if (!nonces.TryTake(out var hiding, out var binding) || !_ledger.TryConsume(nonces.Id))
            {
                return false;
            }

            if (transcript.NegatesNonces)
            {
                (hiding, binding) = (-hiding, -binding);
            }

            var z = hiding + (binding * transcript.BindingFactor(Id)) + (transcript.Lambda(Id) * signingShare.Secret * transcript.Challenge);
            (hiding, binding) = (default, default);
            share = new SignatureShare<TScalar>(Id, z);
            return true;
        }
        finally
        {
            if (!ReferenceEquals(signingShare, _share))
            {
                signingShare.Dispose();
            }
        }
    }
}
