using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Accounts;

/// <summary>
/// A local account opened with its passphrase: the Ed25519 key that signs its transactions and every X25519
/// keystore key it ever had (old ones decrypt old messages). Dispose it as soon as the command is done:
/// every key is zeroed. Prints as its name only.
/// </summary>
internal sealed class UnlockedAccount : IDisposable
{
    private UnlockedAccount(string name, AccountId id, Ed25519PrivateKey signingKey, IReadOnlyList<VersionedEncryptionKey> encryptionKeys)
    {
        Name = name;
        Id = id;
        SigningKey = signingKey;
        EncryptionKeys = encryptionKeys;
    }

    public string Name { get; }

    public AccountId Id { get; }

    public Ed25519PrivateKey SigningKey { get; }

    /// <summary>Every encryption key, versions 1, 2, … in order.</summary>
    public IReadOnlyList<VersionedEncryptionKey> EncryptionKeys { get; }

    /// <summary>The newest encryption key: the one to register with the keystore.</summary>
    public VersionedEncryptionKey CurrentEncryptionKey => EncryptionKeys[^1];

    /// <summary>The encryption key of <paramref name="version"/>, or null when the account never had it.</summary>
    public X25519PrivateKey? FindEncryptionKey(uint version) =>
        version >= 1 && version <= EncryptionKeys.Count ? EncryptionKeys[(int)version - 1].PrivateKey : null;

    /// <summary>Key objects for <paramref name="secrets"/> (which the caller still owns and disposes).</summary>
    public static UnlockedAccount From(string name, AccountSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var keys = new VersionedEncryptionKey[secrets.EncryptionKeyCount];
        for (var index = 0; index < keys.Length; index++)
        {
            keys[index] = new VersionedEncryptionKey(secrets.VersionAt(index), secrets.CreateEncryptionKey(index));
        }

        var signingKey = secrets.CreateSigningKey();
        return new UnlockedAccount(name, AccountId.FromPublicKey(signingKey.PublicKey), signingKey, keys);
    }

    public void Dispose()
    {
        SigningKey.Dispose();
        foreach (var key in EncryptionKeys)
        {
            key.PrivateKey.Dispose();
        }
    }

    public override string ToString() => $"UnlockedAccount({Name}, [redacted])";
}

/// <summary>One keystore encryption key with its version (1 at registration, one more per rotation).</summary>
internal sealed record VersionedEncryptionKey(uint Version, X25519PrivateKey PrivateKey);
