using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// The public gadget vector g ∈ Z_q^ξ of DKLs19 §3 / Protocol 1 (ξ = 256 + 2s): g_k = 2^k for
/// k &lt; 256 (the binary part), then 2s pseudo-random entries from a fixed hash (the random part
/// g^R that makes ⟨g, β⟩ hide single bits of β, DKLs19 Lemma "encoding").
/// </summary>
internal static class RvoleGadget
{
    /// <summary>The number of entries that are powers of two (the bit length of q).</summary>
    public const int BinaryLength = 256;

    private static readonly Secp256k1Scalar[] RandomPart = CreateRandomPart();

    /// <summary>g_k.</summary>
    public static Secp256k1Scalar Entry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, OtParameters.BatchSize);
        if (index >= BinaryLength)
        {
            return RandomPart[index - BinaryLength];
        }

        var power = Secp256k1Scalar.One;
        for (var k = 0; k < index; k++)
        {
            power += power;
        }

        return power;
    }

    /// <summary>
    /// ⟨g, z⟩ for ξ values z: the binary part by Horner's rule (Σ 2^k z_k = (…(z₂₅₅·2 + z₂₅₄)·2 …) + z₀,
    /// additions only), the random part by products. Constant-time in z.
    /// </summary>
    public static Secp256k1Scalar InnerProduct(ReadOnlySpan<Secp256k1Scalar> values)
    {
        if (values.Length != OtParameters.BatchSize)
        {
            throw new ArgumentException($"The gadget has {OtParameters.BatchSize} entries.", nameof(values));
        }

        var sum = Secp256k1Scalar.Zero;
        for (var k = BinaryLength - 1; k >= 0; k--)
        {
            sum = sum + sum + values[k];
        }

        for (var k = BinaryLength; k < OtParameters.BatchSize; k++)
        {
            sum += RandomPart[k - BinaryLength] * values[k];
        }

        return sum;
    }

    private static Secp256k1Scalar[] CreateRandomPart()
    {
        var entries = new Secp256k1Scalar[OtParameters.BatchSize - BinaryLength];
        for (var k = 0; k < entries.Length; k++)
        {
            entries[k] = OtHash.GadgetEntry(BinaryLength + k);
        }

        return entries;
    }
}
