using System.CommandLine;

namespace Arcanum.Cli;

/// <summary>The <c>arcanum</c> command tree.</summary>
public static class ArcanumCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Arcanum: threshold keys that never exist whole.");
        root.Subcommands.Add(DevCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(NodeInitCommand.Create());
        root.Subcommands.Add(SelfCheckCommand.Create());
        return root;
    }
}
