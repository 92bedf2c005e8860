namespace Arcanum.Crypto.Curves;

/// <summary>Group-generic arithmetic shared by the point types.</summary>
internal static class PointSums
{
    /// <summary>
    /// Σ scalars[i]·points[i], one constant-time multiplication per term. libsodium has no
    /// multi-scalar multiplication, and the inputs are few (FROST commitments, VSS checks), so the
    /// straightforward sum is both correct and fast enough.
    /// </summary>
    public static TPoint SumOfProducts<TPoint, TScalar>(ReadOnlySpan<TScalar> scalars, ReadOnlySpan<TPoint> points)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        if (scalars.Length != points.Length)
        {
            throw new ArgumentException(
                $"There are {scalars.Length} scalars but {points.Length} points; the spans must have equal length.", nameof(points));
        }

        var sum = TPoint.Identity;
        for (var i = 0; i < points.Length; i++)
        {
            sum += points[i] * scalars[i];
        }

        return sum;
    }
}
