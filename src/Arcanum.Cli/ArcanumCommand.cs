using System.CommandLine;
using Arcanum.Cli.Commands;
using Arcanum.Cli.Commands.Ledger;

namespace Arcanum.Cli;

/// <summary>The <c>arcanum</c> command tree.</summary>
public static class ArcanumCommand
{
    /// <summary>The command tree; <paramref name="environment"/> (default: the process's) feeds the client commands.</summary>
    public static RootCommand Create(ClientEnvironment? environment = null)
    {
        var client = environment ?? ClientEnvironment.Process;
        var root = new RootCommand("Arcanum: threshold keys that never exist whole.");
        root.Subcommands.Add(DevCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(NodeInitCommand.Create());
        root.Subcommands.Add(SelfCheckCommand.Create());
        root.Subcommands.Add(KeyCommand.Create(client));
        root.Subcommands.Add(SignCommand.Create(client));
        root.Subcommands.Add(AddressCommand.CreateAddress(client));
        root.Subcommands.Add(AddressCommand.CreateXpub(client));
        root.Subcommands.Add(TransactionCommand.Create(client));
        root.Subcommands.Add(AuditCommand.Create(client));
        root.Subcommands.Add(NodesCommand.Create(client));
        root.Subcommands.Add(BenchCommand.Create(client));
        root.Subcommands.Add(AccountCommand.Create(client));
        root.Subcommands.Add(KeystoreCommand.Create(client));
        root.Subcommands.Add(AccessCommand.Create(client));
        root.Subcommands.Add(MessageCommand.Create(client));
        root.Subcommands.Add(TransferCommand.Create(client));
        root.Subcommands.Add(LedgerCommand.Create(client));
        return root;
    }
}
