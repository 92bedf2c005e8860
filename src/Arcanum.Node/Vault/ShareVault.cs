using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Hashing;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Vault;

/// <summary>A share the vault holds, as <see cref="ShareVault.List"/> reports it (no secret).</summary>
public sealed record StoredShare(string KeyId, ulong Epoch, KeyScheme Scheme);

/// <summary>
/// The node's share store (ARCHITECTURE §4): one file per (key, epoch), sealed with AES-256-GCM
/// (NIST SP 800-38D) under the <see cref="MasterKey"/>, with a fresh random 96-bit nonce per write
/// and AAD = E("arcanum/v1/share", key id, epoch, node id, scheme) (length-prefixed fields, so a file
/// moved to another key, epoch or node no longer opens). Writes are durable (temporary file, fsync,
/// atomic rename, directory fsync); destroyed shares are overwritten with zeros before deletion.
/// A canary sealed when the vault is created lets a node check its master key before it joins.
/// File format and threat model: docs/vault.md. Thread-safe for distinct (key, epoch) pairs.
/// </summary>
public sealed class ShareVault
{
    /// <summary>The largest share record sealed or opened (an ECDSA share with OT state for 16 parties is far below it).</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    private const string ShareLabel = "arcanum/v1/share";
    private const string CanaryLabel = "arcanum/v1/vault-canary";
    private const string ShareExtension = ".share";
    private const string CanaryFile = "canary.seal";

    // magic "ARCS" ‖ version 1 ‖ scheme (uint32 BE) ‖ nonce ‖ tag ‖ ciphertext
    private static readonly byte[] Magic = "ARCS"u8.ToArray();
    private const byte Version = 1;
    private const int SchemeOffset = 5;
    private const int NonceOffset = SchemeOffset + sizeof(uint);
    private const int TagOffset = NonceOffset + AeadCipher.NonceSizeInBytes;
    private const int HeaderLength = TagOffset + AeadCipher.TagSizeInBytes;

    private readonly string _directory;
    private readonly MasterKey _masterKey;
    private readonly uint _nodeId;

    /// <summary>Opens (creating it and its canary if needed) the vault in <paramref name="directory"/> for node <paramref name="nodeId"/>.</summary>
    public ShareVault(string directory, MasterKey masterKey, uint nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(masterKey);
        _directory = Path.GetFullPath(directory);
        _masterKey = masterKey;
        _nodeId = nodeId;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
        }
        else
        {
            Directory.CreateDirectory(_directory, DurableFiles.OwnerOnly | UnixFileMode.UserExecute);
        }

        foreach (var leftover in Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            File.Delete(leftover);
        }

        if (!File.Exists(CanaryPath))
        {
            DurableFiles.WriteAtomically(CanaryPath, Seal(KeyScheme.Unspecified, CanaryAad(), CanaryAad()));
        }
    }

    private string CanaryPath => Path.Combine(_directory, CanaryFile);

    /// <summary>Seals <paramref name="shareRecord"/> as the share of <paramref name="keyId"/> at <paramref name="epoch"/>, replacing any previous file, durably.</summary>
    public void Store(string keyId, ulong epoch, KeyScheme scheme, ReadOnlySpan<byte> shareRecord)
    {
        KeyIds.Validate(keyId);
        if (scheme == KeyScheme.Unspecified || !Enum.IsDefined(scheme))
        {
            throw new ArgumentException($"{scheme} is not a key scheme.", nameof(scheme));
        }

        if (shareRecord.Length > MaxRecordBytes)
        {
            throw new ArgumentException($"A share record is at most {MaxRecordBytes} bytes.", nameof(shareRecord));
        }

        DurableFiles.WriteAtomically(SharePath(keyId, epoch), Seal(scheme, ShareAad(keyId, epoch, scheme), shareRecord));
    }

    /// <summary>
    /// Opens the share of <paramref name="keyId"/> at <paramref name="epoch"/>: false when there is none;
    /// <see cref="VaultSealException"/> when a file is there but does not open under this master key,
    /// key id, epoch and node id. The caller zeroes <paramref name="shareRecord"/> after decoding it.
    /// </summary>
    public bool TryLoad(string keyId, ulong epoch, out KeyScheme scheme, out byte[] shareRecord)
    {
        KeyIds.Validate(keyId);
        scheme = KeyScheme.Unspecified;
        shareRecord = [];
        var path = SharePath(keyId, epoch);
        byte[] sealedFile;
        try
        {
            sealedFile = ReadBounded(path);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        var what = $"the share of key {keyId} at epoch {epoch}";
        scheme = ReadScheme(sealedFile, what);
        shareRecord = Open(sealedFile, ShareAad(keyId, epoch, scheme), what);
        return true;
    }

    /// <summary>Every share this vault holds, ordered by key id then epoch.</summary>
    public IReadOnlyList<StoredShare> List()
    {
        var shares = new List<StoredShare>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*" + ShareExtension))
        {
            if (TryParseName(Path.GetFileName(path), out var keyId, out var epoch))
            {
                var header = new byte[HeaderLength];
                using var stream = File.OpenRead(path);
                var scheme = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) == HeaderLength
                    ? ReadScheme(header, $"the share of key {keyId} at epoch {epoch}")
                    : throw new VaultSealException($"The share of key {keyId} at epoch {epoch} is truncated.");
                shares.Add(new StoredShare(keyId, epoch, scheme));
            }
        }

        return [.. shares.OrderBy(s => s.KeyId, StringComparer.Ordinal).ThenBy(s => s.Epoch)];
    }

    /// <summary>The epochs of <paramref name="keyId"/> this vault holds, ascending (empty when none).</summary>
    public IReadOnlyList<ulong> Epochs(string keyId)
    {
        KeyIds.Validate(keyId);
        return [.. ShareFiles(keyId).Select(f => f.Epoch).Order()];
    }

    /// <summary>Erases every epoch of <paramref name="keyId"/> (zeros, fsync, delete); returns how many files were removed.</summary>
    public int Destroy(string keyId) => EraseWhere(keyId, _ => true);

    /// <summary>Erases the epochs of <paramref name="keyId"/> below <paramref name="epoch"/> (old shares after a refresh or reshare).</summary>
    public void PruneBefore(string keyId, ulong epoch) => EraseWhere(keyId, e => e < epoch);

    /// <summary>Throws <see cref="VaultSealException"/> when this master key cannot open the canary sealed at vault creation.</summary>
    public void CheckUnseal()
    {
        var canary = Open(ReadBounded(CanaryPath), CanaryAad(), "the vault canary");
        var expected = CanaryAad();
        if (!CryptographicOperations.FixedTimeEquals(canary, expected))
        {
            throw new VaultSealException("The vault canary opened but does not hold the expected value.");
        }
    }

    private int EraseWhere(string keyId, Func<ulong, bool> epochs)
    {
        KeyIds.Validate(keyId);
        var erased = 0;
        foreach (var (path, _) in ShareFiles(keyId).Where(f => epochs(f.Epoch)).ToList())
        {
            DurableFiles.Erase(path);
            erased++;
        }

        return erased;
    }

    private IEnumerable<(string Path, ulong Epoch)> ShareFiles(string keyId)
    {
        foreach (var path in Directory.EnumerateFiles(_directory, keyId + ".*" + ShareExtension))
        {
            if (TryParseName(Path.GetFileName(path), out var id, out var epoch) && id == keyId)
            {
                yield return (path, epoch);
            }
        }
    }

    private byte[] Seal(KeyScheme scheme, byte[] aad, ReadOnlySpan<byte> plaintext)
    {
        var file = new byte[HeaderLength + plaintext.Length];
        Magic.CopyTo(file, 0);
        file[Magic.Length] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(SchemeOffset), (uint)scheme);
        RandomNumberGenerator.Fill(file.AsSpan(NonceOffset, AeadCipher.NonceSizeInBytes));
        using var aead = new Aes256GcmAead(_masterKey.Bytes);
        aead.Encrypt(file.AsSpan(NonceOffset, AeadCipher.NonceSizeInBytes), plaintext, aad,
            file.AsSpan(HeaderLength), file.AsSpan(TagOffset, AeadCipher.TagSizeInBytes));
        return file;
    }

    private byte[] Open(byte[] file, byte[] aad, string what)
    {
        if (file.Length < HeaderLength || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic) || file[Magic.Length] != Version)
        {
            throw new VaultSealException($"{Capitalised(what)} is not a sealed file of this vault format.");
        }

        var plaintext = new byte[file.Length - HeaderLength];
        using var aead = new Aes256GcmAead(_masterKey.Bytes);
        return aead.TryDecrypt(file.AsSpan(NonceOffset, AeadCipher.NonceSizeInBytes), file.AsSpan(HeaderLength),
            file.AsSpan(TagOffset, AeadCipher.TagSizeInBytes), aad, plaintext)
            ? plaintext
            : throw new VaultSealException(
                $"{Capitalised(what)} cannot be unsealed on node {_nodeId}: the master key is not the one that sealed it, or the file was altered or moved from another key, epoch or node.");
    }

    private static KeyScheme ReadScheme(byte[] file, string what)
    {
        if (file.Length < HeaderLength || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new VaultSealException($"{Capitalised(what)} is not a sealed file of this vault format.");
        }

        var scheme = (KeyScheme)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(SchemeOffset));
        return scheme != KeyScheme.Unspecified && Enum.IsDefined(scheme)
            ? scheme
            : throw new VaultSealException($"{Capitalised(what)} names no known key scheme.");
    }

    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > HeaderLength + MaxRecordBytes)
        {
            throw new VaultSealException($"{path} is larger than any sealed share.");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private byte[] ShareAad(string keyId, ulong epoch, KeyScheme scheme)
    {
        var fixedWidth = new byte[sizeof(ulong) + sizeof(uint) + sizeof(uint)];
        BinaryPrimitives.WriteUInt64BigEndian(fixedWidth, epoch);
        BinaryPrimitives.WriteUInt32BigEndian(fixedWidth.AsSpan(sizeof(ulong)), _nodeId);
        BinaryPrimitives.WriteUInt32BigEndian(fixedWidth.AsSpan(sizeof(ulong) + sizeof(uint)), (uint)scheme);
        return DomainSeparation.Encode(ShareLabel, System.Text.Encoding.UTF8.GetBytes(keyId),
            fixedWidth.AsMemory(0, sizeof(ulong)), fixedWidth.AsMemory(sizeof(ulong), sizeof(uint)), fixedWidth.AsMemory(sizeof(ulong) + sizeof(uint)));
    }

    private byte[] CanaryAad()
    {
        var node = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(node, _nodeId);
        return DomainSeparation.Encode(CanaryLabel, node);
    }

    private string SharePath(string keyId, ulong epoch) =>
        Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{keyId}.{epoch}{ShareExtension}"));

    /// <summary>"&lt;key id&gt;.&lt;epoch&gt;.share" with a valid key id and a canonical decimal epoch.</summary>
    private static bool TryParseName(string name, out string keyId, out ulong epoch)
    {
        keyId = string.Empty;
        epoch = 0;
        var parts = name.Split('.');
        if (parts.Length != 3 || "." + parts[2] != ShareExtension || !KeyIds.IsValid(parts[0])
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out epoch)
            || epoch.ToString(CultureInfo.InvariantCulture) != parts[1])
        {
            return false;
        }

        keyId = parts[0];
        return true;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
