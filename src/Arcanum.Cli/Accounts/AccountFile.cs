using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Kdf;
using Arcanum.Ledger.Accounts;
using Arcanum.Node.Vault;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// One account key file (docs/cli.md "Accounts"): public data in the clear — name, account id, every
/// encryption key version's X25519 public key — and the <see cref="AccountSecrets"/> sealed with
/// AES-256-GCM (NIST SP 800-38D) under a key derived from the passphrase by Argon2id (RFC 9106).
/// A fresh salt and nonce are drawn on every write, so no (key, nonce) pair is ever used twice.
/// The associated data binds every other field of the file (<see cref="AssociatedData"/>): changing any
/// of them, as changing the ciphertext, makes <see cref="TryOpen"/> fail.
/// </summary>
internal sealed class AccountFile
{
    public const int FormatVersion = 1;
    public const string KdfAlgorithm = "argon2id";
    public const string CipherAlgorithm = "aes-256-gcm";

    /// <summary>Files larger than this are refused before they are read.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>More encryption key versions than this are refused (about 180 KiB of file).</summary>
    public const int MaxEncryptionKeys = 1000;

    /// <summary>Largest Argon2id pass count accepted from a file: bounds the work a doctored file can demand.</summary>
    public const ulong MaxOpsLimit = 16;

    /// <summary>Largest Argon2id memory accepted from a file (1 GiB): bounds the allocation a doctored file can demand.</summary>
    public const ulong MaxMemoryLimitBytes = 1UL << 30;

    private const string AssociatedDataLabel = "arcanum/cli/account-file/v1";

    private readonly byte[] _nonce;
    private readonly byte[] _sealed;

    private AccountFile(string name, AccountId id, IReadOnlyList<EncryptionKeyInfo> encryptionKeys, PassphraseParameters kdf, byte[] nonce, byte[] sealedKeys)
    {
        Name = name;
        Id = id;
        EncryptionKeys = encryptionKeys;
        Kdf = kdf;
        _nonce = nonce;
        _sealed = sealedKeys;
    }

    public string Name { get; }

    public AccountId Id { get; }

    /// <summary>Every encryption key version's public key, versions 1, 2, … in order; the last is current.</summary>
    public IReadOnlyList<EncryptionKeyInfo> EncryptionKeys { get; }

    /// <summary>The Argon2id salt and limits the sealing key was derived with.</summary>
    public PassphraseParameters Kdf { get; }

    /// <summary>
    /// Seals <paramref name="secrets"/> for <paramref name="name"/> under <paramref name="passphrase"/> with a
    /// fresh salt and nonce from <paramref name="rng"/>; the public data is derived from the secrets.
    /// </summary>
    public static AccountFile Seal(string name, AccountSecrets secrets, ReadOnlySpan<byte> passphrase,
        ulong opsLimit, ulong memoryLimitBytes, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(rng);
        var salt = new byte[Argon2id.SaltLength];
        rng.GetBytes(salt);
        var nonce = new byte[AeadCipher.NonceSizeInBytes];
        rng.GetBytes(nonce);
        var file = new AccountFile(name, secrets.DeriveAccountId(), secrets.DerivePublicKeys(),
            new PassphraseParameters(salt, opsLimit, memoryLimitBytes), nonce, new byte[secrets.Encoded.Length + AeadCipher.TagSizeInBytes]);
        using var cipher = file.CreateCipher(passphrase);
        var sealedKeys = file._sealed.AsSpan();
        cipher.Encrypt(nonce, secrets.Encoded, file.AssociatedData(), sealedKeys[..^AeadCipher.TagSizeInBytes], sealedKeys[^AeadCipher.TagSizeInBytes..]);
        return file;
    }

    /// <summary>
    /// Unseals the keys. <see cref="AccountOpenResult.WrongPassphrase"/> when authentication fails (a wrong
    /// passphrase or any altered field: the two cannot be told apart); <see cref="AccountOpenResult.Inconsistent"/>
    /// when the sealed keys do not match the public data. Nothing unauthenticated is ever returned.
    /// </summary>
    public AccountOpenResult TryOpen(ReadOnlySpan<byte> passphrase, out AccountSecrets? secrets)
    {
        secrets = null;
        var plaintext = GC.AllocateArray<byte>(_sealed.Length - AeadCipher.TagSizeInBytes, pinned: true);
        try
        {
            using (var cipher = CreateCipher(passphrase))
            {
                if (!cipher.TryDecrypt(_nonce, _sealed.AsSpan(0, plaintext.Length), _sealed.AsSpan(plaintext.Length), AssociatedData(), plaintext))
                {
                    return AccountOpenResult.WrongPassphrase;
                }
            }

            if (!AccountSecrets.TryDecode(plaintext, out var opened, out _))
            {
                return AccountOpenResult.Inconsistent;
            }

            if (!opened.DeriveAccountId().Equals(Id) || !opened.DerivePublicKeys().SequenceEqual(EncryptionKeys))
            {
                opened.Dispose();
                return AccountOpenResult.Inconsistent;
            }

            secrets = opened;
            return AccountOpenResult.Opened;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The file's JSON (UTF-8, indented, fields in a fixed order).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        new AccountFileJson(
            FormatVersion,
            Name,
            Id.ToBech32(),
            [.. EncryptionKeys.Select(key => new EncryptionKeyJson(key.Version, Hex.Encode(key.PublicKey.AsSpan())))],
            new KdfJson(KdfAlgorithm, Kdf.OpsLimit, Kdf.MemoryLimitBytes, Hex.Encode(Kdf.Salt)),
            new CipherJson(CipherAlgorithm, Hex.Encode(_nonce), Hex.Encode(_sealed))),
        AccountFileJsonContext.Default.AccountFileJson);

    /// <summary>
    /// Parses a file strictly: no unknown or repeated member, every field present and canonical (lower-case hex,
    /// bech32 account id, versions 1, 2, … in order, limits within bounds). False with every problem found,
    /// each naming its field; never throws on bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out AccountFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        if (json.Length > MaxFileBytes)
        {
            error = $"the file is larger than {MaxFileBytes} bytes";
            return false;
        }

        AccountFileJson? document;
        try
        {
            document = JsonSerializer.Deserialize(json, AccountFileJsonContext.Default.AccountFileJson);
        }
        catch (JsonException e)
        {
            error = $"not a valid account file: {e.Message}";
            return false;
        }

        var errors = new List<string>();
        file = document is null ? null : Validate(document, errors);
        if (document is null)
        {
            errors.Add("the file is empty (null)");
        }

        error = errors.Count == 0 ? null : string.Join("; ", errors);
        return error is null;
    }

    /// <summary>
    /// The AEAD associated data: every field of the file except the ciphertext and the nonce, length-prefixed
    /// under a versioned label (<see cref="DomainSeparation"/>): name, account id, the KDF's algorithm, limits and
    /// salt, the cipher's algorithm, and each encryption key's version and public key.
    /// </summary>
    private byte[] AssociatedData()
    {
        var publicKeys = new byte[EncryptionKeys.Count * (sizeof(uint) + X25519PublicKey.Length)];
        var position = 0;
        foreach (var key in EncryptionKeys)
        {
            BinaryPrimitives.WriteUInt32BigEndian(publicKeys.AsSpan(position), key.Version);
            key.PublicKey.AsSpan().CopyTo(publicKeys.AsSpan(position + sizeof(uint)));
            position += sizeof(uint) + X25519PublicKey.Length;
        }

        var limits = new byte[2 * sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(limits, Kdf.OpsLimit);
        BinaryPrimitives.WriteUInt64BigEndian(limits.AsSpan(sizeof(ulong)), Kdf.MemoryLimitBytes);
        return DomainSeparation.Encode(AssociatedDataLabel,
            System.Text.Encoding.UTF8.GetBytes(Name), Id.Bytes.ToArray(),
            System.Text.Encoding.UTF8.GetBytes(KdfAlgorithm), limits, Kdf.Salt,
            System.Text.Encoding.UTF8.GetBytes(CipherAlgorithm), publicKeys);
    }

    /// <summary>AES-256-GCM keyed with Argon2id(passphrase, salt); the derived key is zeroed once the cipher holds it.</summary>
    private Aes256GcmAead CreateCipher(ReadOnlySpan<byte> passphrase)
    {
        var key = GC.AllocateArray<byte>(AeadCipher.KeySizeInBytes, pinned: true);
        try
        {
            Argon2id.DeriveKey(passphrase, Kdf.Salt, Kdf.OpsLimit, Kdf.MemoryLimitBytes, key);
            return new Aes256GcmAead(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static AccountFile? Validate(AccountFileJson document, List<string> errors)
    {
        if (document.Version != FormatVersion)
        {
            errors.Add($"version: must be {FormatVersion}");
        }

        if (!AccountName.IsValid(document.Name))
        {
            errors.Add($"name: {AccountName.Rule}");
        }

        AccountId? id = null;
        if (document.AccountId is null || !document.AccountId.StartsWith(AccountId.Hrp + "1", StringComparison.Ordinal)
            || !AccountId.TryParse(document.AccountId, out id))
        {
            errors.Add("accountId: must be a bech32 account id (arc1…)");
        }

        var encryptionKeys = ValidateEncryptionKeys(document.EncryptionKeys, errors);
        var kdf = ValidateKdf(document.Kdf, errors);
        var (nonce, sealedKeys) = ValidateCipher(document.Cipher, errors);
        return errors.Count == 0
            ? new AccountFile(document.Name!, id!, encryptionKeys!, kdf!, nonce!, sealedKeys!)
            : null;
    }

    private static EncryptionKeyInfo[]? ValidateEncryptionKeys(EncryptionKeyJson?[]? keys, List<string> errors)
    {
        if (keys is null || keys.Length is 0 or > MaxEncryptionKeys)
        {
            errors.Add($"encryptionKeys: must hold 1 to {MaxEncryptionKeys} keys");
            return null;
        }

        var result = new EncryptionKeyInfo[keys.Length];
        var valid = true;
        for (var index = 0; index < keys.Length; index++)
        {
            var key = keys[index];
            if (key?.Version != (uint)index + 1)
            {
                errors.Add($"encryptionKeys[{index}].version: must be {index + 1}");
                valid = false;
            }

            if (!TryDecodeHex(key?.PublicKey, X25519PublicKey.Length, out var publicKey))
            {
                errors.Add($"encryptionKeys[{index}].publicKey: must be {X25519PublicKey.Length} bytes of lower-case hex");
                valid = false;
                continue;
            }

            result[index] = new EncryptionKeyInfo((uint)index + 1, X25519PublicKey.FromBytes(publicKey));
        }

        return valid ? result : null;
    }

    private static PassphraseParameters? ValidateKdf(KdfJson? kdf, List<string> errors)
    {
        var before = errors.Count;
        if (kdf is null)
        {
            errors.Add("kdf: missing");
            return null;
        }

        if (kdf.Alg != KdfAlgorithm)
        {
            errors.Add($"kdf.alg: must be \"{KdfAlgorithm}\"");
        }

        if (kdf.Opslimit is not { } opsLimit || opsLimit < Argon2id.OpsLimitRange.Min || opsLimit > MaxOpsLimit)
        {
            errors.Add($"kdf.opslimit: must be {Argon2id.OpsLimitRange.Min} to {MaxOpsLimit}");
        }

        if (kdf.Memlimit is not { } memoryLimit || memoryLimit < Argon2id.MemoryLimitRange.Min || memoryLimit > MaxMemoryLimitBytes)
        {
            errors.Add($"kdf.memlimit: must be {Argon2id.MemoryLimitRange.Min} to {MaxMemoryLimitBytes} bytes");
        }

        if (!TryDecodeHex(kdf.Salt, Argon2id.SaltLength, out var salt))
        {
            errors.Add($"kdf.salt: must be {Argon2id.SaltLength} bytes of lower-case hex");
        }

        return errors.Count == before ? new PassphraseParameters(salt!, kdf.Opslimit!.Value, kdf.Memlimit!.Value) : null;
    }

    private static (byte[]? Nonce, byte[]? Sealed) ValidateCipher(CipherJson? cipher, List<string> errors)
    {
        if (cipher is null)
        {
            errors.Add("cipher: missing");
            return (null, null);
        }

        var before = errors.Count;
        if (cipher.Alg != CipherAlgorithm)
        {
            errors.Add($"cipher.alg: must be \"{CipherAlgorithm}\"");
        }

        if (!TryDecodeHex(cipher.Nonce, AeadCipher.NonceSizeInBytes, out var nonce))
        {
            errors.Add($"cipher.nonce: must be {AeadCipher.NonceSizeInBytes} bytes of lower-case hex");
        }

        // Bounded by the file size already; at least a tag must be there for the split into ciphertext and tag.
        if (cipher.Ciphertext is null || cipher.Ciphertext.Length < 2 * AeadCipher.TagSizeInBytes
            || !TryDecodeHex(cipher.Ciphertext, cipher.Ciphertext.Length / 2, out var sealedKeys))
        {
            errors.Add("cipher.ciphertext: must be lower-case hex of the sealed keys and the 16-byte tag");
            return (null, null);
        }

        return errors.Count == before ? (nonce, sealedKeys) : (null, null);
    }

    /// <summary>Exactly <paramref name="length"/> bytes written as lower-case hex (the only form this file writes).</summary>
    private static bool TryDecodeHex(string? text, int length, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.Length != 2 * length || text.AsSpan().ContainsAnyInRange('A', 'F'))
        {
            return false;
        }

        return Hex.TryDecode(text, out bytes);
    }
}

/// <summary>What <see cref="AccountFile.TryOpen"/> found.</summary>
internal enum AccountOpenResult
{
    /// <summary>The keys were unsealed and match the public data.</summary>
    Opened,

    /// <summary>Authentication failed: a wrong passphrase, or the file was altered.</summary>
    WrongPassphrase,

    /// <summary>The keys authenticated but do not match the public data (a file not written by this program).</summary>
    Inconsistent,
}
