using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Vss;

/// <summary>Lagrange interpolation over a scalar field, for any set of distinct non-zero identifiers.</summary>
public static class Lagrange
{
    /// <summary>
    /// λᵢ = Π_{j≠i} x_j / (x_j − xᵢ), the coefficient of f(xᵢ) in f(0) (RFC 9591 §4.2
    /// derive_interpolating_value). Throws <see cref="ArgumentException"/> when xᵢ is not in the set,
    /// or the set contains zero or a repeated identifier — a set from the wire must be checked first.
    /// </summary>
    public static TScalar CoefficientAtZero<TScalar>(TScalar identifier, ReadOnlySpan<TScalar> identifiers)
        where TScalar : struct, IScalar<TScalar>
    {
        EnsureDistinctNonZero(identifiers);
        var numerator = TScalar.One;
        var denominator = TScalar.One;
        var found = false;
        foreach (var other in identifiers)
        {
            if (other == identifier)
            {
                found = true;
                continue;
            }

            numerator *= other;
            denominator *= other - identifier;
        }

        return found
            ? numerator * denominator.Invert()
            : throw new ArgumentException("The identifier is not among the identifiers.", nameof(identifier));
    }

    /// <summary>True when every identifier is non-zero and none repeats (what interpolation needs).</summary>
    public static bool AreDistinctNonZero<TScalar>(ReadOnlySpan<TScalar> identifiers)
        where TScalar : struct, IScalar<TScalar>
    {
        for (var i = 0; i < identifiers.Length; i++)
        {
            if (identifiers[i].IsZero)
            {
                return false;
            }

            for (var j = i + 1; j < identifiers.Length; j++)
            {
                if (identifiers[i] == identifiers[j])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void EnsureDistinctNonZero<TScalar>(ReadOnlySpan<TScalar> identifiers)
        where TScalar : struct, IScalar<TScalar>
    {
        if (!AreDistinctNonZero(identifiers))
        {
            throw new ArgumentException("Identifiers must be non-zero and distinct.", nameof(identifiers));
        }
    }
}
