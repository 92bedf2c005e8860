using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Accounts;

/// <summary>A local account's public data, readable without the passphrase.</summary>
internal sealed record AccountSummary(string Name, AccountId Id, IReadOnlyList<EncryptionKeyInfo> EncryptionKeys, string Path)
{
    /// <summary>The newest encryption key version: the one others should encrypt to.</summary>
    public EncryptionKeyInfo CurrentEncryptionKey => EncryptionKeys[^1];
}
