using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Execution;

/// <summary>
/// Executes one transaction against the state. Checks, in order: chain id, signature, nonce (equal to the sender's
/// next nonce; lower is a replay, higher a skip), module known, call known, args well-formed, then the call itself.
/// All writes go to a <see cref="StateOverlay"/> that reaches <paramref name="modules"/>' state only when the
/// transaction is included (the sender's nonce advances then, and only then); a rejected transaction changes nothing.
/// </summary>
public sealed class TransactionExecutor(IEnumerable<ILedgerModule> modules)
{
    private readonly SortedDictionary<string, ILedgerModule> _modules = new(modules.ToDictionary(m => m.Name, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>An executor with the four modules of this ledger: accounts, keystore, access, messages.</summary>
    public static TransactionExecutor CreateDefault() =>
        new([new AccountsModule(), new KeystoreModule(), new AccessModule(), new MessagesModule()]);

    /// <summary>Executes <paramref name="transaction"/> in <paramref name="block"/>; see the type for the checks.</summary>
    public TxOutcome Execute(IStateView state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        if (!string.Equals(transaction.ChainId, block.ChainId, StringComparison.Ordinal))
        {
            return TxOutcome.Rejected(ErrorCodes.WrongChain, $"The transaction is for chain {transaction.ChainId}, this is {block.ChainId}.");
        }
        if (!transaction.VerifySignature())
        {
            return TxOutcome.Rejected(ErrorCodes.BadSignature, "The signature does not verify under the sender's key.");
        }
        var expected = AccountsState.NextNonce(state, transaction.Sender);
        if (transaction.Nonce != expected)
        {
            return transaction.Nonce < expected
                ? TxOutcome.Rejected(ErrorCodes.NonceReplayed, $"Nonce {transaction.Nonce} was used; the next is {expected}.")
                : TxOutcome.Rejected(ErrorCodes.NonceSkipped, $"Nonce {transaction.Nonce} skips ahead; the next is {expected}.");
        }
        if (!_modules.TryGetValue(transaction.Module, out var module))
        {
            return TxOutcome.Rejected(ErrorCodes.UnknownModule, $"No module {transaction.Module}.");
        }
        if (!module.Calls.Contains(transaction.Call, StringComparer.Ordinal))
        {
            return TxOutcome.Rejected(ErrorCodes.UnknownCall, $"{transaction.Module} has no call {transaction.Call}.");
        }
        var buffer = new StateOverlay(state);
        var context = new CallContext(buffer, transaction.Sender, block);
        var error = module.Execute(context, transaction.Call, transaction.Args);
        if (error is not null)
        {
            return TxOutcome.Rejected(error.Code, error.Detail);
        }
        AccountsState.SetNextNonce(buffer, transaction.Sender, checked(expected + 1));
        buffer.Commit();
        return TxOutcome.Included([.. context.Events]);
    }
}
