namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// Sizes of the oblivious-transfer layer under DKLs23's multiplication (docs/ecdsa.md): κ base OTs
/// per ordered pair, ξ = 256 + 2s correlated OTs per multiplication (DKLs19 §3 / DKLs23 §5.1,
/// s = 80), and ℓ = 2 multiplicands per vector OLE (DKLs23 Protocol 3.6 multiplies the receiver's
/// χ by both the instance key r_i and the key share sk_i).
/// </summary>
public static class OtParameters
{
    /// <summary>κ: computational security of the OT extension, and the number of base OTs per ordered pair.</summary>
    public const int Kappa = 128;

    /// <summary>s: statistical security of the multiplication's encoding of the receiver's input.</summary>
    public const int StatisticalSecurity = 80;

    /// <summary>ξ = |q| + 2s: correlated OTs per multiplication (DKLs19 Protocol 1's batch size).</summary>
    public const int BatchSize = 256 + 2 * StatisticalSecurity;

    /// <summary>ℓ: how many multiplicands the sender of one vector OLE provides.</summary>
    public const int VoleWidth = 2;

    /// <summary>ℓ' = ξ + κ + s: OTs extended per session (KOS15 Fig. 10; the κ + s extra ones pad the check and are dropped).</summary>
    internal const int ExtendedBatchSize = BatchSize + Kappa + StatisticalSecurity;

    /// <summary>ℓ' / 8: bytes of one column of the KOS matrix (624 bits, a whole number of bytes).</summary>
    internal const int ExtendedBatchBytes = ExtendedBatchSize / 8;

    /// <summary>Bytes of each base-OT output (a seed of the extension's PRG).</summary>
    internal const int SeedLength = 32;

    /// <summary>κ / 8: bytes of Δ and of one row of the extension matrix.</summary>
    internal const int KappaBytes = Kappa / 8;

    /// <summary>2ℓ: the OT width of DKLs19 Protocol 1 under forced reuse (ℓ pads ã and ℓ check values â).</summary>
    internal const int OtWidth = 2 * VoleWidth;
}
