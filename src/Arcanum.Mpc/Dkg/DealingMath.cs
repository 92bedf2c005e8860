using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// The arithmetic of a verifiable dealing, in the notation of Komlo–Goldberg FROST KeyGen (2020,
/// Fig. 1) and RFC 9591 Appendix C: dealer i holds f_i(x) = a_i0 + a_i1·x + … + a_i(t−1)·x^(t−1),
/// publishes C_ik = a_ik·G, and gives receiver ℓ the share f_i(ℓ). Pure functions, shared by the
/// protocol rounds and the test vectors.
/// </summary>
public static class DealingMath
{
    /// <summary>Round 1 step 3: the Feldman commitment C_i = (a_i0·G, …, a_i(t−1)·G) (RFC 9591 C.2 vss_commit).</summary>
    public static FeldmanCommitment<TPoint, TScalar> Commit<TPoint, TScalar>(ReadOnlySpan<TScalar> coefficients)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var points = new TPoint[coefficients.Length];
        for (var k = 0; k < points.Length; k++)
        {
            points[k] = TPoint.MultiplyBase(coefficients[k]);
        }

        return new FeldmanCommitment<TPoint, TScalar>(points);
    }

    /// <summary>Round 2 step 1: f_i(ℓ), by Horner's rule.</summary>
    public static TScalar Evaluate<TScalar>(ReadOnlySpan<TScalar> coefficients, PartyId receiver)
        where TScalar : struct, IScalar<TScalar>
    {
        var x = receiver.ToScalar<TScalar>();
        var value = TScalar.Zero;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            value = (value * x) + coefficients[k];
        }

        return value;
    }

    /// <summary>Round 2 step 2: f_i(ℓ)·G = Σ_k C_ik·ℓ^k, the Feldman check a receiver runs on its share.</summary>
    public static bool VerifyShare<TPoint, TScalar>(FeldmanCommitment<TPoint, TScalar> commitment, PartyId receiver, TScalar share)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return TPoint.MultiplyBase(share) == commitment.VerificationShare(receiver.ToScalar<TScalar>());
    }

    /// <summary>Round 2 step 3: the long-lived share s_ℓ = Σ_i f_i(ℓ) over every dealer i.</summary>
    public static TScalar CombineShares<TScalar>(IEnumerable<TScalar> received)
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(received);
        var sum = TScalar.Zero;
        foreach (var share in received)
        {
            sum += share;
        }

        return sum;
    }

    /// <summary>
    /// Round 2 step 4: Σ_i C_i, the commitment to Σ_i f_i. Its constant term is the group key
    /// PK = Σ_i C_i0 and its value at ℓ the verification share Y_ℓ = Σ_i Σ_k C_ik·ℓ^k.
    /// </summary>
    public static FeldmanCommitment<TPoint, TScalar> CombineCommitments<TPoint, TScalar>(IReadOnlyList<FeldmanCommitment<TPoint, TScalar>> commitments)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        FeldmanCommitment<TPoint, TScalar>.Sum(commitments);
}
