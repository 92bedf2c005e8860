using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Proofs;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Proofs;

/// <summary>Schnorr proof of knowledge and Chaum–Pedersen DLEQ over each supported group.</summary>
public abstract class ProofTests<TScalar, TPoint>
    where TScalar : struct, IScalar<TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
{
    private static readonly byte[] Context = "session 0f3a · party 2"u8.ToArray();
    private static readonly byte[] OtherContext = "session 0f3a · party 3"u8.ToArray();

    [Fact]
    public void SchnorrVerify_HonestProof_Accepted()
    {
        var rng = new DeterministicRandom(1);
        var secret = TScalar.Random(rng);

        var proof = SchnorrProof<TPoint, TScalar>.Prove(secret, Context, rng);

        Assert.True(proof.Verify(TPoint.MultiplyBase(secret), Context));
    }

    [Fact]
    public void SchnorrVerify_OtherContextKeyOrResponse_Rejected()
    {
        var rng = new DeterministicRandom(2);
        var secret = TScalar.Random(rng);
        var publicKey = TPoint.MultiplyBase(secret);
        var proof = SchnorrProof<TPoint, TScalar>.Prove(secret, Context, rng);

        Assert.False(proof.Verify(publicKey, OtherContext));
        Assert.False(proof.Verify(publicKey + TPoint.Generator, Context));
        Assert.False((proof with { Response = proof.Response + TScalar.One }).Verify(publicKey, Context));
        Assert.False((proof with { Commitment = proof.Commitment + TPoint.Generator }).Verify(publicKey, Context));
        Assert.False(proof.Verify(TPoint.Identity, Context));
    }

    [Fact]
    public void SchnorrDecode_EncodedProof_RoundTripsAndMalformedRejected()
    {
        var rng = new DeterministicRandom(3);
        var secret = TScalar.Random(rng);
        var proof = SchnorrProof<TPoint, TScalar>.Prove(secret, Context, rng);
        var encoded = new byte[SchnorrProof<TPoint, TScalar>.EncodedLength];
        proof.Encode(encoded);

        Assert.True(SchnorrProof<TPoint, TScalar>.TryDecode(encoded, out var decoded));
        Assert.Equal(proof, decoded);
        Assert.True(decoded.Verify(TPoint.MultiplyBase(secret), Context));

        byte[] badScalar = [.. encoded];
        badScalar.AsSpan(TPoint.EncodedLength).Fill(0xFF);
        byte[] badPoint = [.. encoded];
        badPoint.AsSpan(0, TPoint.EncodedLength).Fill(0xFF);
        Assert.False(SchnorrProof<TPoint, TScalar>.TryDecode(encoded[..^1], out _));
        Assert.False(SchnorrProof<TPoint, TScalar>.TryDecode([.. encoded, 0], out _));
        Assert.False(SchnorrProof<TPoint, TScalar>.TryDecode(badScalar, out _));
        Assert.False(SchnorrProof<TPoint, TScalar>.TryDecode(badPoint, out _));
    }

    [Fact]
    public void DleqVerify_HonestProof_Accepted()
    {
        var rng = new DeterministicRandom(4);
        var secret = TScalar.Random(rng);
        var baseH = TPoint.MultiplyBase(TScalar.Random(rng));

        var proof = DleqProof<TPoint, TScalar>.Prove(secret, baseH, Context, rng);

        Assert.True(proof.Verify(baseH, TPoint.MultiplyBase(secret), baseH * secret, Context));
    }

    [Fact]
    public void DleqVerify_DifferentLogsOrContext_Rejected()
    {
        var rng = new DeterministicRandom(5);
        var secret = TScalar.Random(rng);
        var baseH = TPoint.MultiplyBase(TScalar.Random(rng));
        var a = TPoint.MultiplyBase(secret);
        var b = baseH * secret;
        var proof = DleqProof<TPoint, TScalar>.Prove(secret, baseH, Context, rng);

        Assert.False(proof.Verify(baseH, a, baseH * (secret + TScalar.One), Context));
        Assert.False(proof.Verify(baseH, a + TPoint.Generator, b, Context));
        Assert.False(proof.Verify(baseH + TPoint.Generator, a, b, Context));
        Assert.False(proof.Verify(baseH, a, b, OtherContext));
        Assert.False((proof with { Response = proof.Response + TScalar.One }).Verify(baseH, a, b, Context));
    }

    [Fact]
    public void DleqDecode_EncodedProof_RoundTripsAndMalformedRejected()
    {
        var rng = new DeterministicRandom(6);
        var secret = TScalar.Random(rng);
        var baseH = TPoint.MultiplyBase(TScalar.Random(rng));
        var proof = DleqProof<TPoint, TScalar>.Prove(secret, baseH, Context, rng);
        var encoded = new byte[DleqProof<TPoint, TScalar>.EncodedLength];
        proof.Encode(encoded);

        Assert.True(DleqProof<TPoint, TScalar>.TryDecode(encoded, out var decoded));
        Assert.Equal(proof, decoded);
        byte[] badScalar = [.. encoded];
        badScalar.AsSpan(0, TScalar.EncodedLength).Fill(0xFF);
        Assert.False(DleqProof<TPoint, TScalar>.TryDecode(badScalar, out _));
        Assert.False(DleqProof<TPoint, TScalar>.TryDecode(encoded[1..], out _));
    }
}

public sealed class Secp256k1ProofTests : ProofTests<Secp256k1Scalar, Secp256k1Point>;

public sealed class Ed25519ProofTests : ProofTests<Ed25519Scalar, Ed25519Point>;

public sealed class Ristretto255ProofTests : ProofTests<Ed25519Scalar, Ristretto255Point>;
