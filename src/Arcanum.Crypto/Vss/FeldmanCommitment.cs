using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Vss;

/// <summary>
/// Feldman's verifiable-secret-sharing commitment C_k = a_k·G to a polynomial's coefficients
/// (Feldman 1987; RFC 9591 Appendix C.2 vss_commit / vss_verify). C₀ is the public key of the shared
/// secret; anyone can check a share or compute a party's public verification share from it.
/// </summary>
public sealed class FeldmanCommitment<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>The largest threshold a decoded commitment may claim; bounds the work an input can cause.</summary>
    public const int MaxThreshold = 255;

    private readonly TPoint[] _coefficients;

    public FeldmanCommitment(IReadOnlyList<TPoint> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficients.Count, 1, nameof(coefficients));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficients.Count, MaxThreshold, nameof(coefficients));
        _coefficients = [.. coefficients];
    }

    /// <summary>The committed coefficients C₀ … C_{t−1}.</summary>
    public IReadOnlyList<TPoint> Coefficients => _coefficients;

    /// <summary>The threshold t (number of coefficients).</summary>
    public int Threshold => _coefficients.Length;

    /// <summary>C₀ = a₀·G, the public key of the shared secret.</summary>
    public TPoint PublicKey => _coefficients[0];

    /// <summary>Σ C_k·x^k = f(x)·G: the public verification share of the party with identifier x.</summary>
    public TPoint VerificationShare(TScalar identifier)
    {
        var powers = new TScalar[_coefficients.Length];
        var power = TScalar.One;
        for (var k = 0; k < powers.Length; k++)
        {
            powers[k] = power;
            power *= identifier;
        }

        return TPoint.MultiScalarMultiply(powers, _coefficients);
    }

    /// <summary>RFC 9591 C.2 vss_verify: f(i)·G = Σ C_k·i^k.</summary>
    public bool Verify(SecretShare<TScalar> share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return TPoint.MultiplyBase(share.Value) == VerificationShare(share.Identifier);
    }

    /// <summary>Sum of commitments: the commitment to the sum of the polynomials (RFC 9591 C.3 step 4, group key).</summary>
    public static FeldmanCommitment<TPoint, TScalar> Sum(IReadOnlyList<FeldmanCommitment<TPoint, TScalar>> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentOutOfRangeException.ThrowIfZero(commitments.Count, nameof(commitments));
        var threshold = commitments[0].Threshold;
        if (commitments.Any(c => c.Threshold != threshold))
        {
            throw new ArgumentException("Commitments of different thresholds cannot be added.", nameof(commitments));
        }

        var sum = new TPoint[threshold];
        foreach (var commitment in commitments)
        {
            for (var k = 0; k < threshold; k++)
            {
                sum[k] += commitment._coefficients[k];
            }
        }

        return new FeldmanCommitment<TPoint, TScalar>(sum);
    }

    /// <summary>Encoded length for a threshold: one count byte, then t canonical point encodings.</summary>
    public static int EncodedLength(int threshold) => 1 + (threshold * TPoint.EncodedLength);

    /// <summary>Writes <c>t ‖ C₀ ‖ … ‖ C_{t−1}</c>; throws if a coefficient is the identity (it has no encoding).</summary>
    public byte[] Encode()
    {
        var encoded = new byte[EncodedLength(Threshold)];
        encoded[0] = (byte)Threshold;
        for (var k = 0; k < Threshold; k++)
        {
            _coefficients[k].Encode(encoded.AsSpan(1 + (k * TPoint.EncodedLength), TPoint.EncodedLength));
        }

        return encoded;
    }

    /// <summary>
    /// Strict decoding of <see cref="Encode"/>: the count must be 1…<see cref="MaxThreshold"/>, the
    /// length must match exactly, and every coefficient must be a valid non-identity element.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out FeldmanCommitment<TPoint, TScalar>? commitment)
    {
        commitment = null;
        if (encoded.Length < 1 || encoded[0] == 0 || encoded.Length != EncodedLength(encoded[0]))
        {
            return false;
        }

        var coefficients = new TPoint[encoded[0]];
        for (var k = 0; k < coefficients.Length; k++)
        {
            if (!TPoint.TryDecode(encoded.Slice(1 + (k * TPoint.EncodedLength), TPoint.EncodedLength), out coefficients[k]))
            {
                return false;
            }
        }

        commitment = new FeldmanCommitment<TPoint, TScalar>(coefficients);
        return true;
    }
}
