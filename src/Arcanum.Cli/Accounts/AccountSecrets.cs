using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// The secret half of a local account, exactly as sealed in its file: the Ed25519 seed (RFC 8032 §5.1.5)
/// followed by every X25519 private key (RFC 7748 §6.1) with its keystore version,
/// <c>seed(32) ‖ (u32be version ‖ key(32))…</c>, versions 1, 2, … in order. Old keys stay so that old
/// messages still decrypt after a rotation. One pinned array, zeroed on <see cref="Dispose"/>.
/// </summary>
internal sealed class AccountSecrets : IDisposable
{
    private const int SeedLength = Ed25519PrivateKey.SeedLength;
    private const int EntryLength = sizeof(uint) + X25519PrivateKey.Length;

    private readonly byte[] _bytes;
    private bool _disposed;

    private AccountSecrets(int keyCount) =>
        _bytes = GC.AllocateArray<byte>(SeedLength + (keyCount * EntryLength), pinned: true);

    /// <summary>How many encryption key versions there are (at least 1).</summary>
    public int EncryptionKeyCount => (_bytes.Length - SeedLength) / EntryLength;

    /// <summary>The encoding described on the type; read it, never keep it.</summary>
    public ReadOnlySpan<byte> Encoded
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>A fresh seed and encryption key version 1, all drawn from <paramref name="rng"/>.</summary>
    public static AccountSecrets Generate(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var secrets = new AccountSecrets(1);
        rng.GetBytes(secrets._bytes);
        BinaryPrimitives.WriteUInt32BigEndian(secrets._bytes.AsSpan(SeedLength), 1);
        return secrets;
    }

    /// <summary>
    /// Reads the encoding (copied; the caller zeroes its own buffer). False, with the reason, when the
    /// length is not a seed plus whole entries or the versions are not 1, 2, … in order.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out AccountSecrets? secrets, [NotNullWhen(false)] out string? error)
    {
        secrets = null;
        if (encoded.Length < SeedLength + EntryLength || (encoded.Length - SeedLength) % EntryLength != 0)
        {
            error = $"the sealed keys are {encoded.Length} bytes, not a seed and whole encryption key entries";
            return false;
        }

        var candidate = new AccountSecrets((encoded.Length - SeedLength) / EntryLength);
        encoded.CopyTo(candidate._bytes);
        for (var index = 0; index < candidate.EncryptionKeyCount; index++)
        {
            var version = candidate.VersionAt(index);
            if (version != (uint)index + 1)
            {
                candidate.Dispose();
                error = $"sealed encryption key {index} has version {version}, not {index + 1}";
                return false;
            }
        }

        secrets = candidate;
        error = null;
        return true;
    }

    /// <summary>A copy with one more encryption key, version n + 1, drawn from <paramref name="rng"/>; this instance is unchanged.</summary>
    public AccountSecrets WithNewEncryptionKey(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = new AccountSecrets(EncryptionKeyCount + 1);
        _bytes.CopyTo(next._bytes, 0);
        var entry = next.Entry(EncryptionKeyCount);
        BinaryPrimitives.WriteUInt32BigEndian(entry, checked((uint)EncryptionKeyCount + 1));
        rng.GetBytes(entry[sizeof(uint)..]);
        return next;
    }

    /// <summary>The version of the encryption key at <paramref name="index"/> (0-based).</summary>
    public uint VersionAt(int index) => BinaryPrimitives.ReadUInt32BigEndian(Entry(index));

    /// <summary>A signing key object for the seed; the caller disposes it.</summary>
    public Ed25519PrivateKey CreateSigningKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Ed25519PrivateKey.FromSeed(_bytes.AsSpan(0, SeedLength));
    }

    /// <summary>A key object for the encryption key at <paramref name="index"/> (0-based); the caller disposes it.</summary>
    public X25519PrivateKey CreateEncryptionKey(int index) => X25519PrivateKey.FromBytes(Entry(index)[sizeof(uint)..]);

    /// <summary>The account id: the seed's Ed25519 public key.</summary>
    public AccountId DeriveAccountId()
    {
        using var signingKey = CreateSigningKey();
        return AccountId.FromPublicKey(signingKey.PublicKey);
    }

    /// <summary>Every version with its X25519 public key, in version order.</summary>
    public IReadOnlyList<EncryptionKeyInfo> DerivePublicKeys()
    {
        var keys = new EncryptionKeyInfo[EncryptionKeyCount];
        for (var index = 0; index < keys.Length; index++)
        {
            using var key = CreateEncryptionKey(index);
            keys[index] = new EncryptionKeyInfo(VersionAt(index), key.PublicKey);
        }

        return keys;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";

    private Span<byte> Entry(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EncryptionKeyCount);
        return _bytes.AsSpan(SeedLength + (index * EntryLength), EntryLength);
    }
}

/// <summary>One encryption key version's public half: the X25519 key others encrypt to (the keystore's <c>encryptionKey</c>).</summary>
internal sealed record EncryptionKeyInfo(uint Version, X25519PublicKey PublicKey);
