using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Vss;

/// <summary>
/// Shamir secret sharing (RFC 9591 Appendix C.1). Splitting is what a trusted dealer or an operator
/// unseal quorum does; reconstruction is for the explicit, offline recovery paths only — threshold
/// protocols combine shares inside signatures and never call it.
/// </summary>
public static class Shamir
{
    /// <summary>Splits <paramref name="secret"/> into shares for identifiers 1…<paramref name="count"/>, any <paramref name="threshold"/> of which reconstruct it.</summary>
    public static SecretShare<TScalar>[] Split<TScalar>(TScalar secret, int threshold, int count, RandomNumberGenerator rng)
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, threshold);
        using var polynomial = SecretPolynomial<TScalar>.Random(secret, threshold, rng);
        return [.. Enumerable.Range(1, count).Select(i => polynomial.ShareFor(TScalar.FromUInt64((ulong)i)))];
    }

    /// <summary>
    /// f(0) from at least the threshold's number of shares by Lagrange interpolation (RFC 9591 C.1
    /// secret_share_combine). With fewer shares the result is a meaningless scalar, not an error:
    /// callers that need to know check it against a commitment.
    /// </summary>
    public static TScalar Reconstruct<TScalar>(IReadOnlyList<SecretShare<TScalar>> shares)
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentOutOfRangeException.ThrowIfZero(shares.Count, nameof(shares));
        var identifiers = shares.Select(s => s.Identifier).ToArray();
        var secret = TScalar.Zero;
        foreach (var share in shares)
        {
            secret += Lagrange.CoefficientAtZero(share.Identifier, identifiers) * share.Value;
        }

        return secret;
    }
}
