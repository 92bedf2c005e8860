using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Contracts;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary><c>arcanum nodes</c>: the cluster members, whether each is connected, when it was last seen and its version.</summary>
internal static class NodesCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("nodes", "List the cluster's nodes and their link state.");
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var nodes = await invocation.Client.ListNodesAsync(cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(nodes, ApiJsonContext.Default.NodeInfoArray);
                return ClientAction.Success;
            }

            var table = new Table().AddColumns("id", "name", "connected", "last seen", "version");
            foreach (var node in nodes)
            {
                table.AddRow(
                    node.Id.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(node.Name),
                    node.Connected ? "[green]yes[/]" : "[red]no[/]",
                    node.LastSeen is { } lastSeen ? CommandOutput.FormatTime(lastSeen) : "never",
                    Markup.Escape(node.Version ?? "-"));
            }

            invocation.Output.Console.Write(table);
            return ClientAction.Success;
        });
        return command;
    }
}
