using System.CommandLine;
using Arcanum.Crypto;
using Arcanum.Ledger.Modules.Accounts;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary><c>arcanum transfer --as NAME --to ACCOUNT AMOUNT</c>: moves balance between ledger accounts (accounts.transfer).</summary>
internal static class TransferCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "The receiving account: an account id (arc1… or hex) or a local account name.", Required = true };
        var amount = new Argument<ulong>("amount") { Description = "The amount, a whole number of ledger units (1 or more)." };
        var command = new Command("transfer", "Transfer ledger balance from the signing account to another (accounts.transfer).") { to, amount };
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) =>
        {
            var value = invocation.ParseResult.GetValue(amount);
            if (value == 0)
            {
                throw new UsageException("The amount must be at least 1.");
            }

            using var rng = new SodiumRandomNumberGenerator();
            var recipient = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), invocation.ParseResult.GetRequiredValue(to), "--to");
            var call = new LedgerCall(AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(recipient, value).Encode());
            return LedgerSigning.RunAsync(invocation, signing, (_, _) => Task.FromResult(call), cancellationToken);
        });
        return command;
    }
}
