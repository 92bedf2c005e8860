using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Proofs;

/// <summary>
/// Non-interactive Schnorr proof of knowledge of x with X = x·G (Schnorr 1991, made
/// non-interactive by Fiat–Shamir), bound to a caller-supplied context — the session id and the
/// prover's party id — so a proof cannot be replayed in another session or by another party
/// (the role it plays in RFC 9591 Appendix C / Komlo–Goldberg FROST KeyGen round 1 step 2).
/// <para>Prove: k ←$ Zq, R = k·G, c = H(ctx, X, R), z = k + c·x. Verify: z·G = R + c·X.</para>
/// </summary>
public readonly record struct SchnorrProof<TPoint, TScalar>(TPoint Commitment, TScalar Response)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private static ReadOnlySpan<byte> Domain => "ARCANUM-V1-SCHNORR-POK"u8;

    /// <summary>Encoded length: R ‖ z.</summary>
    public static int EncodedLength => TPoint.EncodedLength + TScalar.EncodedLength;

    public static SchnorrProof<TPoint, TScalar> Prove(TScalar secret, ReadOnlySpan<byte> context, RandomNumberGenerator rng)
    {
        var publicKey = TPoint.MultiplyBase(secret);
        var nonce = TScalar.Random(rng);
        var commitment = TPoint.MultiplyBase(nonce);
        var challenge = Challenge(context, publicKey, commitment);
        var response = nonce + (challenge * secret);
        nonce = default;
        return new SchnorrProof<TPoint, TScalar>(commitment, response);
    }

    /// <summary>True when the proof shows knowledge of the discrete log of <paramref name="publicKey"/> in this context.</summary>
    public bool Verify(TPoint publicKey, ReadOnlySpan<byte> context)
    {
        if (publicKey.IsIdentity || Commitment.IsIdentity)
        {
            return false;
        }

        var challenge = Challenge(context, publicKey, Commitment);
        return TPoint.MultiplyBase(Response) == Commitment + (publicKey * challenge);
    }

    public void Encode(Span<byte> destination)
    {
        Commitment.Encode(destination[..TPoint.EncodedLength]);
        Response.Encode(destination.Slice(TPoint.EncodedLength, TScalar.EncodedLength));
    }

    /// <summary>Strict decoding: exact length, a valid non-identity R, a canonical z.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out SchnorrProof<TPoint, TScalar> proof)
    {
        proof = default;
        if (encoded.Length != EncodedLength
            || !TPoint.TryDecode(encoded[..TPoint.EncodedLength], out var commitment)
            || !TScalar.TryDecode(encoded[TPoint.EncodedLength..], out var response))
        {
            return false;
        }

        proof = new SchnorrProof<TPoint, TScalar>(commitment, response);
        return true;
    }

    private static TScalar Challenge(ReadOnlySpan<byte> context, TPoint publicKey, TPoint commitment) =>
        new ProofTranscript()
            .Append(context)
            .AppendPoint<TPoint, TScalar>(publicKey)
            .AppendPoint<TPoint, TScalar>(commitment)
            .Challenge<TScalar>(Domain);
}
