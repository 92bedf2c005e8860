using System.Globalization;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Accounts;

/// <summary>
/// Balances (the unit later used for worker stakes). <c>transfer {to, amount}</c>: the amount is above zero, the
/// recipient is not the sender (a self-transfer would only spend a nonce, so it is refused as a likely mistake), the
/// sender holds at least the amount, and the recipient's balance cannot overflow. Emits
/// <c>accounts/transfer {from, to, amount}</c>.
/// </summary>
public sealed class AccountsModule : LedgerModule
{
    /// <summary>The module name.</summary>
    public const string ModuleName = "accounts";

    /// <summary>The transfer call.</summary>
    public const string Transfer = "transfer";

    public AccountsModule() => Register<TransferArgs>(Transfer, TransferArgs.TryDecode, ExecuteTransfer);

    public override string Name => ModuleName;

    private static CallError? ExecuteTransfer(CallContext context, TransferArgs args)
    {
        if (args.Amount == 0)
        {
            return new CallError(ErrorCodes.ZeroAmount, "The amount must be above zero.");
        }
        if (args.To.Equals(context.Sender))
        {
            return new CallError(ErrorCodes.SelfTransfer, "The recipient is the sender.");
        }
        var fromBalance = AccountsState.Balance(context.State, context.Sender);
        if (fromBalance < args.Amount)
        {
            return new CallError(ErrorCodes.InsufficientBalance, $"The balance {fromBalance} is below the amount {args.Amount}.");
        }
        var toBalance = AccountsState.Balance(context.State, args.To);
        if (ulong.MaxValue - toBalance < args.Amount)
        {
            return new CallError(ErrorCodes.BalanceOverflow, "The recipient's balance would exceed 2^64 − 1.");
        }
        AccountsState.SetBalance(context.State, context.Sender, fromBalance - args.Amount);
        AccountsState.SetBalance(context.State, args.To, toBalance + args.Amount);
        context.Emit(
            ModuleName,
            "transfer",
            new EventAttribute("from", context.Sender.ToBech32()),
            new EventAttribute("to", args.To.ToBech32()),
            new EventAttribute("amount", args.Amount.ToString(CultureInfo.InvariantCulture)));
        return null;
    }
}
