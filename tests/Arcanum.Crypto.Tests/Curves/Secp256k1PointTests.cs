using Arcanum.Crypto.Curves;
using Arcanum.Crypto.SafeHandles;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Tests.Curves;

public sealed class Secp256k1PointTests
{
    // x = 0 has no point on y² = x³ + 7 (7 is not a square mod p); the BIP340 vector 5 key is also off the curve.
    private const string XWithoutPoint = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Bip340OffCurveX = "eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34";

    [Fact]
    public void Generator_Encoding_IsSec2BasePoint()
    {
        Assert.Equal(GeneratorCompressedHex, Secp256k1Point.Generator.ToString());
        Assert.Equal(Secp256k1Point.Generator, Secp256k1Point.MultiplyBase(Secp256k1Scalar.One));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(34)]
    [InlineData(65)]
    public void TryDecode_WrongLength_ReturnsFalse(int length)
    {
        var encoded = new byte[length];
        Convert.FromHexString(GeneratorCompressedHex).AsSpan(0, Math.Min(length, 33)).CopyTo(encoded);

        Assert.False(Secp256k1Point.TryDecode(encoded, out var point));
        Assert.True(point.IsIdentity);
    }

    [Fact]
    public void TryDecode_UncompressedGenerator_ReturnsFalseButTryDecodeAnyAccepts()
    {
        var uncompressed = Uncompressed(Secp256k1Point.Generator);

        Assert.False(Secp256k1Point.TryDecode(uncompressed, out _));
        Assert.True(Secp256k1Point.TryDecodeAny(uncompressed, out var point));
        Assert.Equal(Secp256k1Point.Generator, point);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x04)]
    [InlineData(0x05)]
    [InlineData(0x06)]
    [InlineData(0x07)]
    public void TryDecode_CompressedLengthWithOtherPrefix_ReturnsFalse(byte prefix)
    {
        var encoded = Convert.FromHexString(GeneratorCompressedHex);
        encoded[0] = prefix;

        Assert.False(Secp256k1Point.TryDecode(encoded, out _));
        Assert.False(Secp256k1Point.TryDecodeAny(encoded, out _));
    }

    [Theory]
    [InlineData(0x06)]
    [InlineData(0x07)]
    [InlineData(0x05)]
    public void TryDecodeAny_HybridOrUnknownUncompressedPrefix_ReturnsFalse(byte prefix)
    {
        var encoded = Uncompressed(Secp256k1Point.Generator);
        encoded[0] = prefix;

        Assert.False(Secp256k1Point.TryDecodeAny(encoded, out _));
    }

    [Fact]
    public void TryDecode_CoordinateNotBelowP_ReturnsFalse()
    {
        // x = p and x = p + 1 would alias x = 0 and x = 1 if reduced; x = 2^256 − 1 overflows.
        foreach (var x in new[] { P, P + 1, TwoTo256 - 1 })
        {
            foreach (var prefix in new byte[] { 0x02, 0x03 })
            {
                Assert.False(Secp256k1Point.TryDecode([prefix, .. ToBytes(x)], out _));
            }
        }

        var g = Uncompressed(Secp256k1Point.Generator);
        Assert.False(Secp256k1Point.TryDecodeAny([0x04, .. ToBytes(P), .. g[33..]], out _));
        Assert.False(Secp256k1Point.TryDecodeAny([.. g[..33], .. ToBytes(P)], out _));
    }

    [Theory]
    [InlineData(XWithoutPoint)]
    [InlineData(Bip340OffCurveX)]
    public void TryDecode_XWithoutCurvePoint_ReturnsFalse(string xHex)
    {
        var x = Convert.FromHexString(xHex);

        Assert.False(Secp256k1Point.TryDecode([0x02, .. x], out _));
        Assert.False(Secp256k1Point.TryDecode([0x03, .. x], out _));
    }

    [Fact]
    public void TryDecodeAny_UncompressedPointOffCurve_ReturnsFalse()
    {
        var encoded = Uncompressed(Secp256k1Point.Generator);
        encoded[^1] ^= 1;

        Assert.False(Secp256k1Point.TryDecodeAny(encoded, out _));
    }

    [Fact]
    public void EncodeDecode_RandomPoints_RoundTripInBothForms()
    {
        using var rng = SeededRng(21);
        for (var i = 0; i < 20; i++)
        {
            var point = Secp256k1Point.MultiplyBase(Secp256k1Scalar.Random(rng));
            var compressed = new byte[Secp256k1Point.CompressedLength];
            point.Encode(compressed);

            Assert.True(Secp256k1Point.TryDecode(compressed, out var decoded));
            Assert.Equal(point, decoded);
            Assert.True(Secp256k1Point.TryDecodeAny(Uncompressed(point), out var fromUncompressed));
            Assert.Equal(point, fromUncompressed);
            Assert.Equal(point.GetHashCode(), decoded.GetHashCode());
        }
    }

    [Fact]
    public void Identity_Behaviour_IsHandledWithoutTheLibrary()
    {
        var p = Secp256k1Point.MultiplyBase(Scalar(12345));
        var identity = Secp256k1Point.Identity;

        Assert.True(default(Secp256k1Point).IsIdentity);
        Assert.True((p + -p).IsIdentity);
        Assert.True((p - p).IsIdentity);
        Assert.True((p * Secp256k1Scalar.Zero).IsIdentity);
        Assert.True((identity * Scalar(7)).IsIdentity);
        Assert.True(Secp256k1Point.MultiplyBase(Secp256k1Scalar.Zero).IsIdentity);
        Assert.True((-identity).IsIdentity);
        Assert.Equal(p, p + identity);
        Assert.Equal(p, identity + p);
        Assert.Equal(identity, default);
        Assert.NotEqual(identity, p);
        Assert.Equal("identity", identity.ToString());
        Assert.Throws<InvalidOperationException>(() => identity.Encode(new byte[33]));
        Assert.Throws<InvalidOperationException>(() => identity.EncodeUncompressed(new byte[65]));
    }

    [Fact]
    public void Multiply_RandomScalars_MatchesMultiplyBaseAndLibraryTweakMul()
    {
        using var rng = SeededRng(22);
        var context = Secp256k1ContextHandle.Default;
        for (var i = 0; i < 20; i++)
        {
            var k = Secp256k1Scalar.Random(rng);
            var viaBase = Secp256k1Point.MultiplyBase(k);
            Assert.Equal(viaBase, Secp256k1Point.Generator * k);

            // Against the library's variable-time secp256k1_ec_pubkey_tweak_mul, an independent code path.
            var p = Secp256k1Point.MultiplyBase(Secp256k1Scalar.Random(rng));
            var key = p.NativeKey;
            var tweak = new byte[32];
            k.Encode(tweak);
            Assert.True(Native.TryTweakMulPublicKey(context, ref key, tweak));
            Assert.Equal(new Secp256k1Point(key), p * k);
        }
    }

    [Fact]
    public void Multiply_OrderMinusOne_IsNegation()
    {
        var p = Secp256k1Point.MultiplyBase(Scalar(99));

        Assert.Equal(-p, p * Scalar(N - 1));
        Assert.Equal(-Secp256k1Point.Generator, Secp256k1Point.MultiplyBase(Scalar(N - 1)));
    }

    [Fact]
    public void GroupLaws_RandomElements_Hold()
    {
        using var rng = SeededRng(23);
        for (var i = 0; i < 10; i++)
        {
            var a = Secp256k1Scalar.Random(rng);
            var b = Secp256k1Scalar.Random(rng);
            var c = Secp256k1Scalar.Random(rng);
            var (pa, pb, pc) = (Secp256k1Point.MultiplyBase(a), Secp256k1Point.MultiplyBase(b), Secp256k1Point.MultiplyBase(c));

            Assert.Equal(pa + pb, pb + pa);
            Assert.Equal((pa + pb) + pc, pa + (pb + pc));
            Assert.Equal(Secp256k1Point.MultiplyBase(a + b), pa + pb);
            Assert.Equal(Secp256k1Point.MultiplyBase(a - b), pa - pb);
            Assert.Equal(Secp256k1Point.MultiplyBase(a * b), pa * b);
            Assert.Equal((pa + pb) * c, pa * c + pb * c);
            Assert.Equal(pa + pa, pa * Scalar(2));
            Assert.Equal(pa, pa * b * b.Invert());
        }
    }

    [Fact]
    public void TweakAdd_LibraryFunction_EqualsAddingAMultipleOfG()
    {
        using var rng = SeededRng(24);
        var p = Secp256k1Point.MultiplyBase(Secp256k1Scalar.Random(rng));
        var t = Secp256k1Scalar.Random(rng);
        var tweak = new byte[32];
        t.Encode(tweak);
        var key = p.NativeKey;

        Assert.True(Native.TryTweakAddPublicKey(Secp256k1ContextHandle.Default, ref key, tweak));
        Assert.Equal(p + Secp256k1Point.MultiplyBase(t), new Secp256k1Point(key));
    }

    [Fact]
    public void MultiScalarMultiply_RandomTerms_EqualsTheSum()
    {
        using var rng = SeededRng(25);
        foreach (var count in new[] { 0, 1, 2, 9, 20 })
        {
            var scalars = Enumerable.Range(0, count).Select(_ => Secp256k1Scalar.Random(rng)).ToArray();
            var points = Enumerable.Range(0, count).Select(_ => Secp256k1Point.MultiplyBase(Secp256k1Scalar.Random(rng))).ToArray();
            if (count > 2)
            {
                scalars[1] = Secp256k1Scalar.Zero;
                points[2] = Secp256k1Point.Identity;
            }

            var expected = scalars.Zip(points).Aggregate(Secp256k1Point.Identity, (sum, term) => sum + term.Second * term.First);

            Assert.Equal(expected, Secp256k1Point.MultiScalarMultiply(scalars, points));
        }
    }

    [Fact]
    public void MultiScalarMultiply_TermsCancel_ReturnsIdentity()
    {
        var p = Secp256k1Point.MultiplyBase(Scalar(5));

        Assert.True(Secp256k1Point.MultiScalarMultiply([Scalar(3), Scalar(N - 3)], [p, p]).IsIdentity);
    }

    [Fact]
    public void MultiScalarMultiply_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1Point.MultiScalarMultiply([Secp256k1Scalar.One], []));
    }

    [Fact]
    public void Encode_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1Point.Generator.Encode(new byte[32]));
        Assert.Throws<ArgumentException>(() => Secp256k1Point.Generator.EncodeUncompressed(new byte[64]));
    }

    private static byte[] Uncompressed(Secp256k1Point point)
    {
        var bytes = new byte[Secp256k1Point.UncompressedLength];
        point.EncodeUncompressed(bytes);
        return bytes;
    }
}
