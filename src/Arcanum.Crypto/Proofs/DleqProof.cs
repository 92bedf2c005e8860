using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Proofs;

/// <summary>
/// Chaum–Pedersen proof that two points share one discrete log: A = x·G and B = x·H for a public
/// base H (Chaum–Pedersen 1992, Fiat–Shamir), bound to a caller-supplied context.
/// <para>Prove: k ←$ Zq, R₁ = k·G, R₂ = k·H, c = H(ctx, H, A, B, R₁, R₂), z = k + c·x.
/// Verify: recompute R₁ = z·G − c·A, R₂ = z·H − c·B and check the challenge (compact form (c, z)).</para>
/// </summary>
public readonly record struct DleqProof<TPoint, TScalar>(TScalar Challenge, TScalar Response)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private static ReadOnlySpan<byte> Domain => "ARCANUM-V1-DLEQ"u8;

    /// <summary>Encoded length: c ‖ z.</summary>
    public static int EncodedLength => 2 * TScalar.EncodedLength;

    /// <summary>Proves log_G(x·G) = log_H(x·H) for the secret <paramref name="secret"/>.</summary>
    public static DleqProof<TPoint, TScalar> Prove(TScalar secret, TPoint baseH, ReadOnlySpan<byte> context, RandomNumberGenerator rng)
    {
        var a = TPoint.MultiplyBase(secret);
        var b = baseH * secret;
        var nonce = TScalar.Random(rng);
        var challenge = ChallengeFor(context, baseH, a, b, TPoint.MultiplyBase(nonce), baseH * nonce);
        var response = nonce + (challenge * secret);
        nonce = default;
        return new DleqProof<TPoint, TScalar>(challenge, response);
    }

    /// <summary>True when A = x·G and B = x·H for one x, in this context.</summary>
    public bool Verify(TPoint baseH, TPoint a, TPoint b, ReadOnlySpan<byte> context)
    {
        if (baseH.IsIdentity || a.IsIdentity || b.IsIdentity)
        {
            return false;
        }

        var r1 = TPoint.MultiplyBase(Response) - (a * Challenge);
        var r2 = (baseH * Response) - (b * Challenge);
        if (r1.IsIdentity || r2.IsIdentity)
        {
            return false;
        }

        return ChallengeFor(context, baseH, a, b, r1, r2) == Challenge;
    }

    public void Encode(Span<byte> destination)
    {
        Challenge.Encode(destination[..TScalar.EncodedLength]);
        Response.Encode(destination.Slice(TScalar.EncodedLength, TScalar.EncodedLength));
    }

    /// <summary>Strict decoding: exact length and two canonical scalars.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out DleqProof<TPoint, TScalar> proof)
    {
        proof = default;
        if (encoded.Length != EncodedLength
            || !TScalar.TryDecode(encoded[..TScalar.EncodedLength], out var challenge)
            || !TScalar.TryDecode(encoded[TScalar.EncodedLength..], out var response))
        {
            return false;
        }

        proof = new DleqProof<TPoint, TScalar>(challenge, response);
        return true;
    }

    private static TScalar ChallengeFor(ReadOnlySpan<byte> context, TPoint baseH, TPoint a, TPoint b, TPoint r1, TPoint r2) =>
        new ProofTranscript()
            .Append(context)
            .AppendPoint<TPoint, TScalar>(baseH)
            .AppendPoint<TPoint, TScalar>(a)
            .AppendPoint<TPoint, TScalar>(b)
            .AppendPoint<TPoint, TScalar>(r1)
            .AppendPoint<TPoint, TScalar>(r2)
            .Challenge<TScalar>(Domain);
}
