using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Keys;

/// <summary>
/// RFC 9591 Appendix C trusted-dealer key generation: one party knows the whole secret and
/// Shamir-splits it. Arcanum never creates production keys this way (keys are born by DKG); this
/// exists for the RFC's test vectors, tests and benchmarks of large committees.
/// </summary>
public static class TrustedDealer
{
    /// <summary>Appendix C.1 trusted_dealer_keygen with a random polynomial of degree t − 1.</summary>
    public static KeyShare<TPoint, TScalar>[] Deal<TPoint, TScalar>(TScalar secret, int threshold, IReadOnlyList<PartyId> parties, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var coefficients = new TScalar[threshold - 1];
        for (var k = 0; k < coefficients.Length; k++)
        {
            coefficients[k] = TScalar.Random(rng);
        }

        Span<byte> chainCode = stackalloc byte[GroupKey<TPoint, TScalar>.ChainCodeLength];
        rng.GetBytes(chainCode);
        var shares = FromPolynomial<TPoint, TScalar>(secret, coefficients, parties, chainCode);
        Array.Clear(coefficients);
        return shares;
    }

    /// <summary>
    /// Appendix C.1 with given coefficients: f(x) = secret + Σ coefficients[k−1]·x^k, share_i = f(i)
    /// (the RFC vectors list the coefficients). Also computes Y_i = share_i·G and PK = secret·G.
    /// </summary>
    public static KeyShare<TPoint, TScalar>[] FromPolynomial<TPoint, TScalar>(
        TScalar secret, ReadOnlySpan<TScalar> coefficients, IReadOnlyList<PartyId> parties, ReadOnlySpan<byte> chainCode)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(parties);
        var threshold = coefficients.Length + 1;
        if (parties.Count < threshold || parties.Distinct().Count() != parties.Count)
        {
            throw new ArgumentException($"A {threshold}-of-n key needs at least {threshold} distinct parties.", nameof(parties));
        }

        var values = new TScalar[parties.Count];
        for (var i = 0; i < parties.Count; i++)
        {
            // Horner: f(x) = (((a_{t−1}·x + a_{t−2})·x + …)·x + secret.
            var x = parties[i].ToScalar<TScalar>();
            var value = TScalar.Zero;
            for (var k = coefficients.Length - 1; k >= 0; k--)
            {
                value = (value + coefficients[k]) * x;
            }

            values[i] = value + secret;
        }

        var groupKey = new GroupKey<TPoint, TScalar>(
            TPoint.MultiplyBase(secret),
            parties.Select((p, i) => (p, i)).ToDictionary(e => e.p, e => TPoint.MultiplyBase(values[e.i])),
            threshold,
            chainCode);
        var shares = parties.Select((p, i) => new KeyShare<TPoint, TScalar>(p, values[i], groupKey)).ToArray();
        Array.Clear(values);
        return shares;
    }
}
