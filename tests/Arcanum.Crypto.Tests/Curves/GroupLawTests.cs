using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>
/// Group laws and <see cref="IPoint{TSelf, TScalar}"/> contract checks shared by the point types over ℓ;
/// each concrete test class runs them for its group.
/// </summary>
public abstract class GroupLawTests<TPoint>
    where TPoint : struct, IPoint<TPoint, Ed25519Scalar>
{
    private static readonly SodiumRandomNumberGenerator Rng = new();

    protected static Ed25519Scalar RandomScalar() => Ed25519Scalar.Random(Rng);

    protected static TPoint RandomPoint() => TPoint.MultiplyBase(RandomScalar());

    protected static byte[] Encoded(TPoint point)
    {
        var bytes = new byte[TPoint.EncodedLength];
        point.Encode(bytes);
        return bytes;
    }

    [Fact]
    public void Generator_Always_EqualsMultiplyBaseOfOne() =>
        Assert.Equal(TPoint.Generator, TPoint.MultiplyBase(Ed25519Scalar.One));

    [Fact]
    public void Identity_Default_IsIdentity()
    {
        Assert.True(TPoint.Identity.IsIdentity);
        Assert.True(default(TPoint).IsIdentity);
        Assert.False(TPoint.Generator.IsIdentity);
    }

    [Fact]
    public void MultiplyBase_Zero_IsIdentity() => Assert.True(TPoint.MultiplyBase(Ed25519Scalar.Zero).IsIdentity);

    [Fact]
    public void Multiply_GeneratorByRandomScalar_EqualsMultiplyBase()
    {
        var k = RandomScalar();

        Assert.Equal(TPoint.MultiplyBase(k), TPoint.Generator * k);
    }

    [Fact]
    public void Multiply_ZeroScalarOrIdentityPoint_IsIdentity()
    {
        Assert.True((RandomPoint() * Ed25519Scalar.Zero).IsIdentity);
        Assert.True((TPoint.Identity * RandomScalar()).IsIdentity);
        Assert.True((TPoint.Identity * Ed25519Scalar.Zero).IsIdentity);
    }

    [Fact]
    public void Multiply_OrderMinusOne_IsNegation()
    {
        var p = RandomPoint();

        Assert.Equal(-p, p * -Ed25519Scalar.One);
    }

    [Fact]
    public void Add_RandomPoints_IsCommutativeAndAssociative()
    {
        var (a, b, c) = (RandomPoint(), RandomPoint(), RandomPoint());

        Assert.Equal(a + b, b + a);
        Assert.Equal((a + b) + c, a + (b + c));
    }

    [Fact]
    public void Add_Identity_IsNeutral()
    {
        var p = RandomPoint();

        Assert.Equal(p, p + TPoint.Identity);
        Assert.Equal(p, TPoint.Identity + p);
        Assert.True((TPoint.Identity + TPoint.Identity).IsIdentity);
    }

    [Fact]
    public void Add_Doubling_EqualsMultiplyByTwo()
    {
        var p = RandomPoint();

        Assert.Equal(p * Ed25519Scalar.FromUInt64(2), p + p);
    }

    [Fact]
    public void Subtract_SelfOrAddNegation_IsIdentity()
    {
        var p = RandomPoint();

        Assert.True((p - p).IsIdentity);
        Assert.True((p + -p).IsIdentity);
        Assert.True((-p + p).IsIdentity);
    }

    [Fact]
    public void Subtract_Points_EqualsAddingTheNegation()
    {
        var (a, b) = (RandomPoint(), RandomPoint());

        Assert.Equal(a + -b, a - b);
        Assert.Equal(a, a - TPoint.Identity);
        Assert.Equal(-b, TPoint.Identity - b);
        Assert.Equal(b, -(-b));
        Assert.True((-TPoint.Identity).IsIdentity);
    }

    [Fact]
    public void MultiplyBase_SumAndProductOfScalars_IsHomomorphic()
    {
        var (a, b) = (RandomScalar(), RandomScalar());

        Assert.Equal(TPoint.MultiplyBase(a) + TPoint.MultiplyBase(b), TPoint.MultiplyBase(a + b));
        Assert.Equal(TPoint.MultiplyBase(a) - TPoint.MultiplyBase(b), TPoint.MultiplyBase(a - b));
        Assert.Equal(TPoint.MultiplyBase(b) * a, TPoint.MultiplyBase(a * b));
    }

    [Fact]
    public void MultiScalarMultiply_RandomTerms_EqualsSumOfProducts()
    {
        var scalars = Enumerable.Range(0, 5).Select(_ => RandomScalar()).Append(Ed25519Scalar.Zero).ToArray();
        var points = Enumerable.Range(0, 5).Select(_ => RandomPoint()).Append(RandomPoint()).ToArray();

        var expected = TPoint.Identity;
        for (var i = 0; i < points.Length; i++)
        {
            expected += points[i] * scalars[i];
        }

        Assert.Equal(expected, TPoint.MultiScalarMultiply(scalars, points));
        Assert.True(TPoint.MultiScalarMultiply([], []).IsIdentity);
    }

    [Fact]
    public void MultiScalarMultiply_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => TPoint.MultiScalarMultiply([Ed25519Scalar.One], []));

    [Fact]
    public void EncodeThenTryDecode_RandomPoint_RoundTrips()
    {
        var p = RandomPoint();

        Assert.True(TPoint.TryDecode(Encoded(p), out var decoded));
        Assert.Equal(p, decoded);
        Assert.Equal(p.GetHashCode(), decoded.GetHashCode());
        Assert.Equal(Convert.ToHexStringLower(Encoded(p)), p.ToString());
    }

    [Fact]
    public void Encode_Identity_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => TPoint.Identity.Encode(new byte[TPoint.EncodedLength]));

    [Fact]
    public void Encode_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => TPoint.Generator.Encode(new byte[TPoint.EncodedLength - 1]));

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void TryDecode_WrongLength_ReturnsFalse(int length)
    {
        var bytes = new byte[length];
        Encoded(TPoint.Generator).AsSpan(0, Math.Min(length, TPoint.EncodedLength)).CopyTo(bytes);

        Assert.False(TPoint.TryDecode(bytes, out var point));
        Assert.True(point.IsIdentity);
    }

    [Fact]
    public void Equality_DifferentPoints_AreNotEqual()
    {
        var p = RandomPoint();

        Assert.True(p != p + TPoint.Generator);
        Assert.False(p.Equals((object)TPoint.Identity));
        Assert.Equal("identity", TPoint.Identity.ToString());
    }
}
