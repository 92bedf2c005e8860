using System.Buffers;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// A BIP340 tagged hash, hash_tag(x) = SHA256(SHA256(tag) ‖ SHA256(tag) ‖ x) (BIP340 "Design",
/// "Tagged Hashes"). One instance per tag computes the 64-byte prefix once; the shared instances
/// cover the tags of BIP340 and BIP341. Instances are immutable and thread-safe.
/// </summary>
public sealed class TaggedHash
{
    /// <summary>The length of the digest: 32 bytes.</summary>
    public const int HashSizeInBytes = SHA256.HashSizeInBytes;

    private const int PrefixLength = 2 * SHA256.HashSizeInBytes;

    /// <summary>Messages up to this size are assembled on the stack; longer ones in a pooled buffer.</summary>
    private const int StackLimit = 512;

    private readonly byte[] _prefix;

    /// <summary>Creates the tagged hash for <paramref name="tag"/>, encoded as UTF-8.</summary>
    public TaggedHash(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Tag = tag;
        var tagHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag));
        _prefix = [.. tagHash, .. tagHash];
    }

    /// <summary>BIP340 "Default Signing" step: e = int(hash_BIP0340/challenge(bytes(R) ‖ bytes(P) ‖ m)) mod n.</summary>
    public static TaggedHash Bip340Challenge { get; } = new("BIP0340/challenge");

    /// <summary>BIP340 "Default Signing": t = bytes(d) xor hash_BIP0340/aux(a).</summary>
    public static TaggedHash Bip340Aux { get; } = new("BIP0340/aux");

    /// <summary>BIP340 "Default Signing": rand = hash_BIP0340/nonce(t ‖ bytes(P) ‖ m).</summary>
    public static TaggedHash Bip340Nonce { get; } = new("BIP0340/nonce");

    /// <summary>BIP341 taproot_tweak_pubkey: t = hash_TapTweak(pubkey ‖ h).</summary>
    public static TaggedHash TapTweak { get; } = new("TapTweak");

    /// <summary>BIP341 leaf hash: hash_TapLeaf(leaf_version ‖ compact_size(size of script) ‖ script).</summary>
    public static TaggedHash TapLeaf { get; } = new("TapLeaf");

    /// <summary>BIP341 branch hash: hash_TapBranch of the two child hashes in lexicographic order.</summary>
    public static TaggedHash TapBranch { get; } = new("TapBranch");

    /// <summary>BIP341 signature hash: hash_TapSighash(0x00 ‖ SigMsg(hash_type, ext_flag)).</summary>
    public static TaggedHash TapSighash { get; } = new("TapSighash");

    /// <summary>The tag this instance hashes with.</summary>
    public string Tag { get; }

    /// <summary>Writes hash_tag(<paramref name="message"/>) to the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Hash(ReadOnlySpan<byte> message, Span<byte> destination) =>
        Hash(message, default, default, destination);

    /// <summary>Writes hash_tag(<paramref name="first"/> ‖ <paramref name="second"/>).</summary>
    public void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination) =>
        Hash(first, second, default, destination);

    /// <summary>Writes hash_tag(<paramref name="first"/> ‖ <paramref name="second"/> ‖ <paramref name="third"/>).</summary>
    public void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException($"The destination must hold at least {HashSizeInBytes} bytes.", nameof(destination));
        }

        var length = PrefixLength + first.Length + second.Length + third.Length;
        byte[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        buffer = buffer[..length];
        try
        {
            _prefix.CopyTo(buffer);
            first.CopyTo(buffer[PrefixLength..]);
            second.CopyTo(buffer[(PrefixLength + first.Length)..]);
            third.CopyTo(buffer[(PrefixLength + first.Length + second.Length)..]);
            SHA256.HashData(buffer, destination);
        }
        finally
        {
            // The message may be secret (BIP340 nonce derivation hashes t = d xor aux).
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The 32-byte hash_tag(<paramref name="message"/>).</summary>
    public byte[] Hash(ReadOnlySpan<byte> message)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(message, digest);
        return digest;
    }

    public override string ToString() => $"TaggedHash({Tag})";
}
