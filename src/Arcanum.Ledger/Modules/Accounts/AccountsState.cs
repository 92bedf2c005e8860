using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Accounts;

/// <summary>
/// The accounts module's state and queries. Keys:
/// <list type="bullet">
/// <item><c>accounts/balance/{account 32}</c> → u64 balance (absent = 0)</item>
/// <item><c>accounts/nonce/{account 32}</c> → u64 next nonce (absent = 0)</item>
/// <item><c>accounts/supply</c> → u64 total of all balances, written at genesis</item>
/// </list>
/// </summary>
public static class AccountsState
{
    /// <summary>The key of the total supply.</summary>
    public static byte[] SupplyKey() => StateKey.Of("accounts/supply");

    /// <summary>The key of an account's balance.</summary>
    public static byte[] BalanceKey(AccountId account) => StateKey.Of("accounts/balance/", Bytes(account));

    /// <summary>The key of an account's next nonce.</summary>
    public static byte[] NonceKey(AccountId account) => StateKey.Of("accounts/nonce/", Bytes(account));

    /// <summary>The balance of <paramref name="account"/> (0 if it never received anything).</summary>
    public static ulong Balance(IStateView state, AccountId account) => StateKey.GetUInt64(state, BalanceKey(account));

    /// <summary>The nonce the next transaction of <paramref name="account"/> must carry.</summary>
    public static ulong NextNonce(IStateView state, AccountId account) => StateKey.GetUInt64(state, NonceKey(account));

    /// <summary>The total supply set at genesis.</summary>
    public static ulong Supply(IStateView state) => StateKey.GetUInt64(state, SupplyKey());

    internal static void SetBalance(IStateView state, AccountId account, ulong balance) => StateKey.SetUInt64(state, BalanceKey(account), balance);

    internal static void SetNextNonce(IStateView state, AccountId account, ulong nonce) => StateKey.SetUInt64(state, NonceKey(account), nonce);

    private static byte[] Bytes(AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Bytes.ToArray();
    }
}
