using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Keys;

/// <summary>
/// A BIP32 extended public key (BIP32 "Serialization format"): version ‖ depth ‖ parent fingerprint ‖
/// child number ‖ chain code ‖ compressed key, 78 bytes, Base58Check-encoded as xpub/tpub text.
/// Only public keys are handled: private extended keys (xprv/tprv) are refused by version.
/// </summary>
public sealed class ExtendedPublicKey
{
    /// <summary>The serialized length before Base58Check.</summary>
    public const int SerializedLength = 78;

    /// <summary>The chain code length.</summary>
    public const int ChainCodeLength = 32;

    /// <summary>Child numbers from 2^31 up are hardened (BIP32 "Child key derivation functions").</summary>
    public const uint HardenedOffset = 0x8000_0000;

    private const uint MainnetVersion = 0x0488_B21E;
    private const uint TestnetVersion = 0x0435_87CF;
    private const uint MainnetPrivateVersion = 0x0488_ADE4;
    private const uint TestnetPrivateVersion = 0x0435_8394;

    private readonly byte[] _chainCode;

    private ExtendedPublicKey(Bip32Network network, byte depth, uint parentFingerprint, uint childNumber, byte[] chainCode, Secp256k1Point publicKey)
    {
        Network = network;
        Depth = depth;
        ParentFingerprint = parentFingerprint;
        ChildNumber = childNumber;
        _chainCode = chainCode;
        PublicKey = publicKey;
    }

    /// <summary>The network, from the version bytes.</summary>
    public Bip32Network Network { get; }

    /// <summary>The depth: 0 for a master key, 1 for its children, and so on.</summary>
    public byte Depth { get; }

    /// <summary>The first 4 bytes of HASH160 of the parent's compressed key, big-endian (0 for a master key).</summary>
    public uint ParentFingerprint { get; }

    /// <summary>The index this key was derived with (0 for a master key); hardened indices are ≥ 2^31.</summary>
    public uint ChildNumber { get; }

    /// <summary>The 32-byte chain code c.</summary>
    public ReadOnlySpan<byte> ChainCode => _chainCode;

    /// <summary>The public key K.</summary>
    public Secp256k1Point PublicKey { get; }

    /// <summary>This key's own fingerprint: the first 4 bytes of HASH160(serP(K)) (BIP32 "Key identifiers").</summary>
    public uint Fingerprint => ComputeFingerprint(PublicKey);

    /// <summary>
    /// A master-style or derived key from its parts. Throws <see cref="ArgumentException"/> for a chain code
    /// that is not 32 bytes, the identity as key, or a depth-0 key with a parent fingerprint or child number.
    /// </summary>
    public static ExtendedPublicKey Create(
        Bip32Network network, byte depth, uint parentFingerprint, uint childNumber, ReadOnlySpan<byte> chainCode, Secp256k1Point publicKey)
    {
        if (chainCode.Length != ChainCodeLength)
        {
            throw new ArgumentException($"A BIP32 chain code is {ChainCodeLength} bytes.", nameof(chainCode));
        }

        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("The point at infinity is not a public key.", nameof(publicKey));
        }

        if (depth == 0 && (parentFingerprint != 0 || childNumber != 0))
        {
            throw new ArgumentException("A depth-0 key has neither a parent fingerprint nor a child number.", nameof(depth));
        }

        return new ExtendedPublicKey(network, depth, parentFingerprint, childNumber, chainCode.ToArray(), publicKey);
    }

    /// <summary>
    /// Parses xpub/tpub text: Base58Check, 78 bytes, a public version for either network, a depth-0 key
    /// with zero parent fingerprint and child number, and a compressed key (prefix 02/03) on the curve.
    /// False with an <paramref name="error"/> naming the field otherwise; never throws.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ExtendedPublicKey? key, out string error)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "The extended public key is empty.";
            return false;
        }

        if (!Base58Check.TryDecode(text, out var payload))
        {
            error = "The extended public key is not valid Base58Check (bad character or checksum).";
            return false;
        }

        return TryDecode(payload, out key, out error);
    }

    /// <summary>Decodes the 78-byte serialization; the rules of <see cref="TryParse"/> apply.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> serialized, [NotNullWhen(true)] out ExtendedPublicKey? key, out string error)
    {
        key = null;
        if (serialized.Length != SerializedLength)
        {
            error = $"An extended key is {SerializedLength} bytes, not {serialized.Length}.";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(serialized);
        if (!TryNetworkOf(version, out var network, out error))
        {
            return false;
        }

        var depth = serialized[4];
        var parentFingerprint = BinaryPrimitives.ReadUInt32BigEndian(serialized[5..]);
        var childNumber = BinaryPrimitives.ReadUInt32BigEndian(serialized[9..]);
        if (depth == 0 && parentFingerprint != 0)
        {
            error = "A depth-0 (master) key must have parent fingerprint 00000000.";
            return false;
        }

        if (depth == 0 && childNumber != 0)
        {
            error = "A depth-0 (master) key must have child number 0.";
            return false;
        }

        var keyBytes = serialized[45..];
        if (keyBytes[0] is not (0x02 or 0x03))
        {
            error = $"The key data starts with 0x{keyBytes[0]:x2}; a public key starts with 02 or 03 (serP, compressed).";
            return false;
        }

        if (!Secp256k1Point.TryDecode(keyBytes, out var point))
        {
            error = "The key data is not a point on secp256k1.";
            return false;
        }

        key = new ExtendedPublicKey(network, depth, parentFingerprint, childNumber, serialized[13..45].ToArray(), point);
        error = string.Empty;
        return true;
    }

    /// <summary>The 78-byte serialization.</summary>
    public byte[] Serialize()
    {
        var bytes = new byte[SerializedLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Network == Bip32Network.Mainnet ? MainnetVersion : TestnetVersion);
        bytes[4] = Depth;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), ParentFingerprint);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(9), ChildNumber);
        _chainCode.CopyTo(bytes, 13);
        PublicKey.Encode(bytes.AsSpan(45));
        return bytes;
    }

    /// <summary>The Base58Check text (xpub… or tpub…).</summary>
    public override string ToString() => Base58Check.Encode(Serialize());

    /// <summary>
    /// CKDpub (BIP32 "Public parent key → public child key"): I = HMAC-SHA512(c_par, serP(K_par) ‖ ser32(i)),
    /// K_i = K_par + parse256(I_L)·G, c_i = I_R. False with an explanation for a hardened index (which needs
    /// the private key), at depth 255, or in the negligible case I_L ≥ n or K_i at infinity (BIP32: proceed
    /// with the next index).
    /// </summary>
    public bool TryDeriveChild(uint index, [NotNullWhen(true)] out ExtendedPublicKey? child, out string error)
    {
        child = null;
        if (index >= HardenedOffset)
        {
            error = $"Index {index - HardenedOffset}' is hardened: hardened children need the private key, which never exists whole; " +
                    "wallets are isolated by separate keys instead.";
            return false;
        }

        if (Depth == byte.MaxValue)
        {
            error = "The key is at depth 255, the deepest BIP32 can serialize.";
            return false;
        }

        Span<byte> data = stackalloc byte[Secp256k1Point.CompressedLength + sizeof(uint)];
        PublicKey.Encode(data);
        BinaryPrimitives.WriteUInt32BigEndian(data[Secp256k1Point.CompressedLength..], index);
        Span<byte> i = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(_chainCode, data, i);

        // Secp256k1Scalar.TryDecode is parse256 with the BIP32 check I_L < n.
        if (!Secp256k1Scalar.TryDecode(i[..32], out var tweak))
        {
            error = $"Index {index} gives I_L ≥ n, which BIP32 declares invalid; use the next index.";
            return false;
        }

        var childKey = PublicKey + Secp256k1Point.MultiplyBase(tweak);
        if (childKey.IsIdentity)
        {
            error = $"Index {index} gives the point at infinity, which BIP32 declares invalid; use the next index.";
            return false;
        }

        child = new ExtendedPublicKey(Network, (byte)(Depth + 1), Fingerprint, index, i[32..].ToArray(), childKey);
        error = string.Empty;
        return true;
    }

    /// <summary>Applies <see cref="TryDeriveChild"/> for each step of <paramref name="path"/> in turn.</summary>
    public bool TryDerive(Bip32Path path, [NotNullWhen(true)] out ExtendedPublicKey? derived, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        derived = this;
        error = string.Empty;
        foreach (var index in path.Indices)
        {
            if (!derived.TryDeriveChild(index, out var next, out error))
            {
                derived = null;
                return false;
            }

            derived = next;
        }

        return true;
    }

    private static uint ComputeFingerprint(Secp256k1Point key)
    {
        Span<byte> encoded = stackalloc byte[Secp256k1Point.CompressedLength];
        key.Encode(encoded);
        Span<byte> hash = stackalloc byte[Hash160.HashSizeInBytes];
        Hash160.Hash(encoded, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static bool TryNetworkOf(uint version, out Bip32Network network, out string error)
    {
        network = version == TestnetVersion ? Bip32Network.Testnet : Bip32Network.Mainnet;
        error = version switch
        {
            MainnetVersion or TestnetVersion => string.Empty,
            MainnetPrivateVersion or TestnetPrivateVersion =>
                $"Version 0x{version:x8} is a private extended key (xprv/tprv); only public extended keys are accepted.",
            _ => $"Version 0x{version:x8} is not an extended public key version (0x{MainnetVersion:x8} xpub, 0x{TestnetVersion:x8} tpub).",
        };
        return error.Length == 0;
    }
}
