using System.Buffers.Binary;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Envelopes;

/// <summary>Field sizes and bounds shared by every envelope format, and the checks on caller-supplied fields.</summary>
public static class EnvelopeFields
{
    /// <summary>The only format version: the first byte of every envelope and wrapped key.</summary>
    public const byte Version1 = 1;

    /// <summary>An account id: the 32-byte Ed25519 public key.</summary>
    public const int AccountIdLength = Ed25519PublicKey.Length;

    /// <summary>The longest chain id, in UTF-8 bytes.</summary>
    public const int MaxChainIdLength = 64;

    /// <summary>The longest plaintext a direct or group envelope carries: 64 KiB.</summary>
    public const int MaxPlaintextLength = 64 * 1024;

    /// <summary>What precedes the payload inside every ciphertext: sender account id (32) ‖ Ed25519 signature (64).</summary>
    public const int SignedHeaderLength = AccountIdLength + Ed25519PublicKey.SignatureLength;

    internal static byte[] EncodeChainId(string chainId)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var bytes = System.Text.Encoding.UTF8.GetBytes(chainId);
        if (bytes.Length is 0 or > MaxChainIdLength)
        {
            throw new ArgumentException($"A chain id is 1 to {MaxChainIdLength} UTF-8 bytes.", nameof(chainId));
        }

        return bytes;
    }

    internal static void RequireAccountId(ReadOnlySpan<byte> account, string parameterName)
    {
        if (account.Length != AccountIdLength)
        {
            throw new ArgumentException($"An account id is {AccountIdLength} bytes.", parameterName);
        }
    }

    internal static byte[] UInt32BigEndian(uint value)
    {
        var bytes = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    internal static byte[] UInt64BigEndian(ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
