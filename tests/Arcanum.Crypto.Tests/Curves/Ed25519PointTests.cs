using System.Numerics;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Tests.Curves;

public sealed class Ed25519PointTests : GroupLawTests<Ed25519Point>
{
    /// <summary>
    /// Every encoding of the eight small-order points of edwards25519, canonical and not, as listed in
    /// the C2SP/CCTV ed25519 README ("Low-order edwards25519 point encodings").
    /// </summary>
    public static TheoryData<string> SmallOrderEncodings =>
    [
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 4, y = p
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // order 4, y = p
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "0100000000000000000000000000000000000000000000000000000000000080", // identity, x = −0
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // identity, y = p + 1
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // identity, x = −0, y = p + 1
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // order 2, x = −0
    ];

    /// <summary>The canonical encodings of the seven small-order points other than the identity.</summary>
    public static TheoryData<string> SmallOrderTorsion =>
    [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];

    [Fact]
    public void Generator_Encoding_IsRfc8032BasePoint() =>
        Assert.Equal("5866666666666666666666666666666666666666666666666666666666666666", Ed25519Point.Generator.ToString());

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void TryDecode_SmallOrderEncoding_ReturnsFalse(string hex) =>
        Assert.False(Ed25519Point.TryDecode(Convert.FromHexString(hex), out _));

    [Fact]
    public void TryDecode_YAtLeastP_ReturnsFalseForEverySignAndValue()
    {
        // y = p + k for k = 0..18 covers every 255-bit value ≥ p; both sign bits.
        var accepted = new List<string>();
        for (var k = 0; k <= 18; k++)
        {
            foreach (var sign in new byte[] { 0x00, 0x80 })
            {
                var encoded = ScalarOracle.ToLittleEndian(EdwardsOracle.P + k);
                encoded[31] |= sign;
                if (Ed25519Point.TryDecode(encoded, out _))
                {
                    accepted.Add(Convert.ToHexStringLower(encoded));
                }
            }
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public void TryDecode_YOffTheCurve_ReturnsFalse()
    {
        var y = Enumerable.Range(2, 100).Select(i => new BigInteger(i)).First(candidate => EdwardsOracle.RecoverX(candidate) is null);
        var encoded = ScalarOracle.ToLittleEndian(y);

        Assert.Null(EdwardsOracle.Decode(encoded));
        Assert.False(Ed25519Point.TryDecode(encoded, out _));
    }

    [Theory]
    [MemberData(nameof(SmallOrderTorsion))]
    public void TryDecode_PrimeOrderPointPlusSmallOrderPoint_ReturnsFalse(string torsionHex)
    {
        var p = EdwardsOracle.Decode(Encoded(RandomPoint()))!.Value;
        var torsion = EdwardsOracle.Decode(Convert.FromHexString(torsionHex))!.Value;

        var mixed = EdwardsOracle.Encode(EdwardsOracle.Add(p, torsion));

        Assert.NotNull(EdwardsOracle.Decode(mixed));
        Assert.False(Ed25519Point.TryDecode(mixed, out _));
    }

    [Fact]
    public void TryDecode_IdentityEncodings_ReturnFalse()
    {
        Assert.False(Ed25519Point.TryDecode(new byte[32], out _));
        Assert.False(Ed25519Point.TryDecode(Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"), out _));
    }

    [Fact]
    public void AddAndNegate_RandomPoints_MatchOracle()
    {
        var (a, b) = (RandomPoint(), RandomPoint());
        var oracleA = EdwardsOracle.Decode(Encoded(a))!.Value;
        var oracleB = EdwardsOracle.Decode(Encoded(b))!.Value;

        Assert.Equal(EdwardsOracle.Encode(EdwardsOracle.Add(oracleA, oracleB)), Encoded(a + b));
        Assert.Equal(EdwardsOracle.Encode((EdwardsOracle.P - oracleA.X, oracleA.Y)), Encoded(-a));
    }

    [Fact]
    public void MultiplyBase_Two_MatchesOracleDoubling()
    {
        var b = EdwardsOracle.Decode(Encoded(Ed25519Point.Generator))!.Value;

        Assert.Equal(EdwardsOracle.Encode(EdwardsOracle.Add(b, b)), Encoded(Ed25519Point.MultiplyBase(Ed25519Scalar.FromUInt64(2))));
    }
}
