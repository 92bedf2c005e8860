using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// The DKG's proof of knowledge of a_i0 (Komlo–Goldberg KeyGen round 1, steps 2 and 5):
/// k ←$ Z_q, R = k·G, c = H(i, Φ, C_i0, R), μ = k + a_i0·c; the verifier checks μ·G = R + c·C_i0.
/// The challenge is ZF frost's (<c>frost-core/src/keys/dkg.rs</c> <c>challenge</c>):
/// c = HDKG(SerializeScalar(i) ‖ SerializeElement(C_i0) ‖ SerializeElement(R)), with the context
/// string Φ realised as a <i>binding</i> prefixed to that input. <b>Departure:</b> ZF leaves Φ out;
/// Arcanum binds the session id, so a proof does not verify in another session. An empty binding
/// gives ZF's challenge exactly (the vector tests use it). The proof is encoded as the suite encodes
/// a signature (R, μ); for the BIP340 suite R has even Y (the nonce is negated otherwise, as ZF's
/// taproot suite generates nonces) and only x(R) is sent.
/// </summary>
public static class DkgProofOfKnowledge
{
    /// <summary>Round 1 step 2: σ_i = (R, μ) for dealer <paramref name="dealer"/> with secret a_i0 = <paramref name="secret"/>.</summary>
    public static byte[] Prove<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, ReadOnlySpan<byte> binding, PartyId dealer, TScalar secret, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(rng);
        var nonce = TScalar.Random(rng);
        var commitment = TPoint.MultiplyBase(nonce);
        if (suite.NegatesNonces(commitment))
        {
            nonce = -nonce;
            commitment = -commitment;
        }

        var challenge = Challenge(suite, binding, dealer, TPoint.MultiplyBase(secret), commitment);
        var proof = suite.EncodeSignature(commitment, nonce + (secret * challenge));
        nonce = default;
        return proof;
    }

    /// <summary>Round 1 step 5: strict decoding of σ_ℓ, then μ·G = R + c·C_ℓ0.</summary>
    public static bool Verify<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, ReadOnlySpan<byte> binding, PartyId dealer, TPoint constantTermCommitment, ReadOnlySpan<byte> proof)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (constantTermCommitment.IsIdentity || !suite.TryDecodeSignature(proof, out var commitment, out var response))
        {
            return false;
        }

        var challenge = Challenge(suite, binding, dealer, constantTermCommitment, commitment);
        return TPoint.MultiplyBase(response) == commitment + (constantTermCommitment * challenge);
    }

    /// <summary>c = HDKG(binding ‖ SerializeScalar(i) ‖ SerializeElement(C_i0) ‖ SerializeElement(R)).</summary>
    public static TScalar Challenge<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, ReadOnlySpan<byte> binding, PartyId dealer, TPoint constantTermCommitment, TPoint commitment)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(suite);
        var input = new byte[binding.Length + TScalar.EncodedLength + (2 * TPoint.EncodedLength)];
        var span = input.AsSpan();
        binding.CopyTo(span);
        span = span[binding.Length..];
        dealer.ToScalar<TScalar>().Encode(span[..TScalar.EncodedLength]);
        span = span[TScalar.EncodedLength..];
        constantTermCommitment.Encode(span[..TPoint.EncodedLength]);
        commitment.Encode(span[TPoint.EncodedLength..]);
        return suite.HDkg(input);
    }
}
