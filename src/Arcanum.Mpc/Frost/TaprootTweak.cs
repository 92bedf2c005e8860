namespace Arcanum.Mpc.Frost;

/// <summary>
/// The BIP341 tweak to sign under: t = hash_TapTweak(x(P) ‖ merkle_root), Q = P + t·G. An empty
/// <see cref="MerkleRoot"/> is the key-path-only output of BIP86 (t = hash_TapTweak(x(P))).
/// </summary>
public sealed record TaprootTweak
{
    public TaprootTweak(ReadOnlyMemory<byte> merkleRoot)
    {
        if (merkleRoot.Length is not (0 or 32))
        {
            throw new ArgumentException("A taproot merkle root is 32 bytes (or empty for a key-path-only output).", nameof(merkleRoot));
        }

        MerkleRoot = merkleRoot;
    }

    /// <summary>BIP86: commit to no script tree.</summary>
    public static TaprootTweak KeyPathOnly { get; } = new(ReadOnlyMemory<byte>.Empty);

    public ReadOnlyMemory<byte> MerkleRoot { get; }

    public bool Equals(TaprootTweak? other) => other is not null && MerkleRoot.Span.SequenceEqual(other.MerkleRoot.Span);

    public override int GetHashCode() => MerkleRoot.Length;
}
