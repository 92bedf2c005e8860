using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Vss;

/// <summary>Shamir, Feldman and Lagrange over each supported group, as property tests up to 10-of-15.</summary>
public abstract class VssTests<TScalar, TPoint>
    where TScalar : struct, IScalar<TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
{
    public static TheoryData<int, int> Thresholds => new() { { 1, 1 }, { 2, 3 }, { 3, 5 }, { 4, 7 }, { 7, 10 }, { 10, 15 } };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Reconstruct_AnyThresholdSubset_ReturnsSecret(int threshold, int count)
    {
        var rng = new DeterministicRandom((ulong)((threshold * 100) + count));
        var secret = TScalar.Random(rng);
        var shares = Shamir.Split(secret, threshold, count, rng);

        for (var trial = 0; trial < 8; trial++)
        {
            var subset = RandomSubset(shares, threshold, rng);
            Assert.Equal(secret, Shamir.Reconstruct(subset));
        }

        Assert.Equal(secret, Shamir.Reconstruct(shares));
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Reconstruct_FewerThanThreshold_DoesNotReturnSecret(int threshold, int count)
    {
        if (threshold == 1)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Shamir.Reconstruct(Array.Empty<SecretShare<TScalar>>()));
            return;
        }

        var rng = new DeterministicRandom((ulong)((threshold * 1000) + count));
        var secret = TScalar.Random(rng);
        var shares = Shamir.Split(secret, threshold, count, rng);

        Assert.NotEqual(secret, Shamir.Reconstruct(RandomSubset(shares, threshold - 1, rng)));
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Verify_EveryHonestShare_Accepted(int threshold, int count)
    {
        var rng = new DeterministicRandom((ulong)count);
        using var polynomial = SecretPolynomial<TScalar>.Random(TScalar.Random(rng), threshold, rng);
        var commitment = polynomial.Commit<TPoint>();

        for (var i = 1; i <= count; i++)
        {
            using var share = polynomial.ShareFor(TScalar.FromUInt64((ulong)i));
            Assert.True(commitment.Verify(share));
            Assert.Equal(TPoint.MultiplyBase(share.Value), commitment.VerificationShare(share.Identifier));
        }
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Verify_TamperedShare_Rejected(int threshold, int count)
    {
        var rng = new DeterministicRandom((ulong)(count + 7));
        using var polynomial = SecretPolynomial<TScalar>.Random(TScalar.Random(rng), threshold, rng);
        var commitment = polynomial.Commit<TPoint>();
        var identifier = TScalar.FromUInt64((ulong)count);
        using var honest = polynomial.ShareFor(identifier);

        using var offByOne = new SecretShare<TScalar>(identifier, honest.Value + TScalar.One);
        using var random = new SecretShare<TScalar>(identifier, TScalar.Random(rng));
        using var otherParty = new SecretShare<TScalar>(identifier + TScalar.One, honest.Value);

        Assert.False(commitment.Verify(offByOne));
        Assert.False(commitment.Verify(random));
        // With t = 1 the polynomial is constant, so every party's share is the same value.
        Assert.Equal(threshold == 1, commitment.Verify(otherParty));
    }

    [Fact]
    public void PublicKey_Commitment_IsSecretTimesGenerator()
    {
        var rng = new DeterministicRandom(11);
        var secret = TScalar.Random(rng);
        using var polynomial = SecretPolynomial<TScalar>.Random(secret, 3, rng);

        Assert.Equal(TPoint.MultiplyBase(secret), polynomial.Commit<TPoint>().PublicKey);
    }

    [Fact]
    public void Sum_CommitmentsOfSeveralDealers_CommitsToSummedShares()
    {
        var rng = new DeterministicRandom(12);
        var polynomials = Enumerable.Range(0, 4).Select(_ => SecretPolynomial<TScalar>.Random(TScalar.Random(rng), 3, rng)).ToList();
        var sum = FeldmanCommitment<TPoint, TScalar>.Sum([.. polynomials.Select(p => p.Commit<TPoint>())]);
        var identifier = TScalar.FromUInt64(5);
        var summedValue = polynomials.Aggregate(TScalar.Zero, (acc, p) => acc + p.Evaluate(identifier));

        using var share = new SecretShare<TScalar>(identifier, summedValue);
        Assert.True(sum.Verify(share));
        polynomials.ForEach(p => p.Dispose());
    }

    [Fact]
    public void CoefficientAtZero_AnySignerSet_SumsToOne()
    {
        var rng = new DeterministicRandom(13);
        TScalar[] identifiers = [.. Enumerable.Range(0, 6).Select(_ => TScalar.Random(rng))];

        var sum = TScalar.Zero;
        foreach (var identifier in identifiers)
        {
            sum += Lagrange.CoefficientAtZero(identifier, identifiers);
        }

        Assert.Equal(TScalar.One, sum);
    }

    [Fact]
    public void CoefficientAtZero_DuplicateZeroOrMissingIdentifier_Throws()
    {
        var one = TScalar.One;
        var two = TScalar.FromUInt64(2);
        var three = TScalar.FromUInt64(3);

        Assert.Throws<ArgumentException>(() => Lagrange.CoefficientAtZero(one, [one, two, two]));
        Assert.Throws<ArgumentException>(() => Lagrange.CoefficientAtZero(one, [one, TScalar.Zero]));
        Assert.Throws<ArgumentException>(() => Lagrange.CoefficientAtZero(three, [one, two]));
    }

    [Fact]
    public void SecretShare_ZeroIdentifier_Throws() =>
        Assert.Throws<ArgumentException>(() => new SecretShare<TScalar>(TScalar.Zero, TScalar.One));

    [Fact]
    public void SecretShare_AfterDispose_HidesValue()
    {
        var share = new SecretShare<TScalar>(TScalar.One, TScalar.FromUInt64(42));
        Assert.Equal("[redacted]", share.ToString());

        share.Dispose();

        Assert.Throws<ObjectDisposedException>(() => share.Value);
    }

    [Fact]
    public void Decode_EncodedCommitment_RoundTrips()
    {
        var rng = new DeterministicRandom(14);
        using var polynomial = SecretPolynomial<TScalar>.Random(TScalar.Random(rng), 4, rng);
        var commitment = polynomial.Commit<TPoint>();

        Assert.True(FeldmanCommitment<TPoint, TScalar>.TryDecode(commitment.Encode(), out var decoded));

        Assert.Equal(commitment.Coefficients, decoded!.Coefficients);
    }

    [Fact]
    public void Decode_MalformedCommitment_Rejected()
    {
        var rng = new DeterministicRandom(15);
        using var polynomial = SecretPolynomial<TScalar>.Random(TScalar.Random(rng), 2, rng);
        var encoded = polynomial.Commit<TPoint>().Encode();

        byte[] countZero = [0];
        byte[] truncated = encoded[..^1];
        byte[] extended = [.. encoded, 0];
        byte[] countTooHigh = [.. encoded];
        countTooHigh[0] = 3;
        byte[] badPoint = [.. encoded];
        badPoint.AsSpan(1, TPoint.EncodedLength).Fill(0xFF);
        byte[] zeroPoint = [.. encoded];
        zeroPoint.AsSpan(1 + TPoint.EncodedLength).Clear();

        Assert.All(new[] { [], countZero, truncated, extended, countTooHigh, badPoint, zeroPoint },
            malformed => Assert.False(FeldmanCommitment<TPoint, TScalar>.TryDecode(malformed, out _)));
    }

    private static List<SecretShare<TScalar>> RandomSubset(SecretShare<TScalar>[] shares, int size, DeterministicRandom rng)
    {
        var shuffled = shares.ToArray();
        Span<byte> b = stackalloc byte[1];
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            rng.GetBytes(b);
            var j = b[0] % (i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return [.. shuffled.Take(size)];
    }
}

public sealed class Secp256k1VssTests : VssTests<Secp256k1Scalar, Secp256k1Point>;

public sealed class Ed25519VssTests : VssTests<Ed25519Scalar, Ed25519Point>;

public sealed class Ristretto255VssTests : VssTests<Ed25519Scalar, Ristretto255Point>;
