using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// What a repair run yields: for the target r its restored share (checked: s_r·G = Y_r); for a
/// helper nothing but the fact that it did its part.
/// </summary>
public sealed record RepairOutput<TPoint, TScalar>(KeyShare<TPoint, TScalar>? RepairedShare)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>A helper's output.</summary>
    public static RepairOutput<TPoint, TScalar> Helped { get; } = new((KeyShare<TPoint, TScalar>?)null);

    public bool IsHelper => RepairedShare is null;
}
