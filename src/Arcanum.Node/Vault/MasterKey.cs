using System.Security.Cryptography;
using Arcanum.Crypto.Kdf;

namespace Arcanum.Node.Vault;

/// <summary>
/// The node master key: 32 bytes under which every share is sealed (AES-256-GCM, docs/vault.md).
/// Kept in a pinned array (the GC never copies it) and zeroed on <see cref="Dispose"/>; prints as
/// [redacted]. Obtained from a key file (development) or from a passphrase through Argon2id
/// (RFC 9106); an operator quorum is a later addition.
/// </summary>
public sealed class MasterKey : IDisposable
{
    public const int Length = 32;

    private readonly byte[] _key = GC.AllocateArray<byte>(Length, pinned: true);
    private bool _disposed;

    private MasterKey()
    {
    }

    /// <summary>The key bytes; throws after <see cref="Dispose"/>.</summary>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Generates a key and writes it to a new file (mode 0600); fails if the file exists.</summary>
    public static MasterKey CreateKeyFile(string path, RandomNumberGenerator rng)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rng);
        var key = new MasterKey();
        rng.GetBytes(key._key);
        try
        {
            using var stream = new FileStream(path, DurableFiles.CreateNew(DurableFiles.OwnerOnly));
            stream.Write(key._key);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        DurableFiles.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return key;
    }

    /// <summary>Reads a key file written by <see cref="CreateKeyFile"/>: exactly 32 bytes, or an <see cref="InvalidDataException"/> that says so.</summary>
    public static MasterKey FromKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length != Length)
        {
            throw new InvalidDataException($"The master key file {path} holds {stream.Length} bytes; a master key file is exactly {Length} bytes.");
        }

        var key = new MasterKey();
        stream.ReadExactly(key._key);
        return key;
    }

    /// <summary>
    /// Derives the key from <paramref name="passphrase"/> with Argon2id under the salt and limits in
    /// <paramref name="parametersPath"/>, which is created on first use (fresh salt from
    /// <paramref name="rng"/>, <see cref="PassphraseParameters.CreateDefault"/> limits) and read afterwards.
    /// </summary>
    public static MasterKey FromPassphrase(ReadOnlySpan<byte> passphrase, string parametersPath, RandomNumberGenerator rng)
    {
        ArgumentException.ThrowIfNullOrEmpty(parametersPath);
        ArgumentNullException.ThrowIfNull(rng);
        var parameters = File.Exists(parametersPath)
            ? PassphraseParameters.Read(parametersPath)
            : PassphraseParameters.CreateDefault(rng).WriteNew(parametersPath);
        var key = new MasterKey();
        Argon2id.DeriveKey(passphrase, parameters.Salt, parameters.OpsLimit, parameters.MemoryLimitBytes, key._key);
        return key;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    public override string ToString() => "MasterKey([redacted])";
}
