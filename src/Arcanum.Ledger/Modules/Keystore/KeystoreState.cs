using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Keystore;

/// <summary>
/// The keystore's state and queries. Keys:
/// <list type="bullet">
/// <item><c>keystore/key/{account 32}</c> → <see cref="KeyRecord"/></item>
/// <item><c>keystore/rotation/{account 32}{u64 version}</c> → <see cref="KeyRotation"/>, versions 1 … current</item>
/// </list>
/// </summary>
public static class KeystoreState
{
    /// <summary>The key of an account's current keys.</summary>
    public static byte[] KeyRecordKey(AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return StateKey.Of("keystore/key/", account.Bytes.ToArray());
    }

    /// <summary>The key of one rotation log entry.</summary>
    public static byte[] RotationKey(AccountId account, uint version)
    {
        ArgumentNullException.ThrowIfNull(account);
        return StateKey.Of("keystore/rotation/", account.Bytes.ToArray(), StateKey.UInt64(version));
    }

    /// <summary>The account's current keys, or null if it never registered.</summary>
    public static KeyRecord? CurrentKey(IStateView state, AccountId account)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(KeyRecordKey(account));
        return value is null ? null
            : KeyRecord.TryDecode(value, out var record) ? record
            : throw new InvalidDataException($"State corrupt: the key record of {account} does not decode.");
    }

    /// <summary>The account's key version (0 if it never registered).</summary>
    public static uint KeyVersion(IStateView state, AccountId account) => CurrentKey(state, account)?.Version ?? 0;

    /// <summary>Every encryption key the account has had, oldest first, with the height each took effect.</summary>
    public static IReadOnlyList<KeyRotation> RotationHistory(IStateView state, AccountId account)
    {
        ArgumentNullException.ThrowIfNull(state);
        var history = new List<KeyRotation>();
        for (uint version = 1; version <= KeyVersion(state, account); version++)
        {
            var value = state.Get(RotationKey(account, version));
            history.Add(value is not null && KeyRotation.TryDecode(value, out var rotation)
                ? rotation
                : throw new InvalidDataException($"State corrupt: rotation {version} of {account} is missing or does not decode."));
        }
        return history;
    }

    internal static void Write(IStateView state, AccountId account, KeyRecord record)
    {
        state.Set(KeyRecordKey(account), record.Encode());
        state.Set(RotationKey(account, record.Version), new KeyRotation(record.Version, record.EncryptionKey, record.Height).Encode());
    }
}
