using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Vss;

/// <summary>
/// f(x) = a₀ + a₁x + … + a_{t−1}x^{t−1} with secret coefficients, a₀ being the shared secret
/// (Shamir 1979; RFC 9591 Appendix C.1 secret_share_shard). Coefficients are zeroed on dispose.
/// </summary>
public sealed class SecretPolynomial<TScalar> : IDisposable
    where TScalar : struct, IScalar<TScalar>
{
    private readonly TScalar[] _coefficients;
    private bool _disposed;

    private SecretPolynomial(TScalar[] coefficients) => _coefficients = coefficients;

    /// <summary>The threshold t: the number of coefficients, and of shares needed to reconstruct.</summary>
    public int Threshold => _coefficients.Length;

    /// <summary>A polynomial of degree <paramref name="threshold"/> − 1 with constant term <paramref name="secret"/> and random other coefficients.</summary>
    public static SecretPolynomial<TScalar> Random(TScalar secret, int threshold, RandomNumberGenerator rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentNullException.ThrowIfNull(rng);
        var coefficients = new TScalar[threshold];
        coefficients[0] = secret;
        for (var k = 1; k < threshold; k++)
        {
            coefficients[k] = TScalar.Random(rng);
        }

        return new SecretPolynomial<TScalar>(coefficients);
    }

    /// <summary>f(x) by Horner's rule.</summary>
    public TScalar Evaluate(TScalar x)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var value = TScalar.Zero;
        for (var k = _coefficients.Length - 1; k >= 0; k--)
        {
            value = (value * x) + _coefficients[k];
        }

        return value;
    }

    /// <summary>The share (i, f(i)) for a non-zero identifier i.</summary>
    public SecretShare<TScalar> ShareFor(TScalar identifier) => new(identifier, Evaluate(identifier));

    /// <summary>The Feldman commitment (a₀·G, …, a_{t−1}·G) that lets anyone check a share against it.</summary>
    public FeldmanCommitment<TPoint, TScalar> Commit<TPoint>()
        where TPoint : struct, IPoint<TPoint, TScalar>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new FeldmanCommitment<TPoint, TScalar>([.. _coefficients.Select(TPoint.MultiplyBase)]);
    }

    public void Dispose()
    {
        Array.Clear(_coefficients);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
