using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// The arithmetic of share repair, free of any messaging (Laing–Stinson 2017, "A Survey and
/// Refinement of Repairable Threshold Schemes", §4, enrollment protocol with helper set H and
/// participant r). The round machines (<see cref="ShareRepair"/>) call these; tests drive them
/// with vectors directly.
/// </summary>
public static class ShareRepairSteps
{
    /// <summary>
    /// ζ_i = λ_i(r) = Π_{j∈H, j≠i} (r − x_j) / (x_i − x_j): the coefficient of f(x_i) in f(r) when f
    /// (degree &lt; |H|) is interpolated from the helpers' shares. Unlike RFC 9591 §4.2
    /// derive_interpolating_value it evaluates at x = r, not at 0.
    /// </summary>
    public static TScalar LagrangeCoefficientAt<TScalar>(PartyId target, PartyId helper, IReadOnlyList<PartyId> helpers)
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(helpers);
        if (!helpers.Contains(helper) || helpers.Contains(target) || helpers.Distinct().Count() != helpers.Count)
        {
            throw new ArgumentException("The helpers must be distinct, include the helper and exclude the target.", nameof(helpers));
        }

        var r = target.ToScalar<TScalar>();
        var xi = helper.ToScalar<TScalar>();
        var numerator = TScalar.One;
        var denominator = TScalar.One;
        foreach (var other in helpers.Where(h => h != helper))
        {
            var xj = other.ToScalar<TScalar>();
            numerator *= r - xj;
            denominator *= xi - xj;
        }

        return numerator * denominator.Invert();
    }

    /// <summary>
    /// Step 1 (helper i): Δ_i = ζ_i·s_i split into <paramref name="parts"/> additive parts δ_{i,1..|H|}:
    /// all but the last uniformly random, the last Δ_i minus their sum, so Σ_j δ_{i,j} = Δ_i and any
    /// |H| − 1 of them are independent of s_i. With two or more parts every part is non-zero (the
    /// split is redrawn in the 2^-252 case that the last is zero): its commitment δ·G must not be
    /// the identity, which has no encoding. The caller zeroes the returned array.
    /// </summary>
    public static TScalar[] SplitDelta<TScalar>(TScalar delta, int parts, RandomNumberGenerator rng)
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var split = new TScalar[parts];
        do
        {
            var remainder = delta;
            for (var j = 0; j < parts - 1; j++)
            {
                split[j] = TScalar.Random(rng);
                remainder -= split[j];
            }

            split[^1] = remainder;
        }
        while (parts > 1 && split[^1].IsZero);

        return split;
    }

    /// <summary>Step 2 (helper j): σ_j = Σ_i δ_{i,j}, the sum of the parts helper j received (its own included).</summary>
    public static TScalar Sigma<TScalar>(IEnumerable<TScalar> deltas)
        where TScalar : struct, IScalar<TScalar> => DealingMath.CombineShares(deltas);

    /// <summary>Step 3 (participant r): s_r = Σ_j σ_j = Σ_i ζ_i·s_i = f(r).</summary>
    public static TScalar RepairedShare<TScalar>(IEnumerable<TScalar> sigmas)
        where TScalar : struct, IScalar<TScalar> => DealingMath.CombineShares(sigmas);
}
