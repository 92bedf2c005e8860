using System.CommandLine;
using Arcanum.Client;

namespace Arcanum.Cli.Commands;

/// <summary>The options every client command takes: where the coordinator is, the token, and machine output.</summary>
internal sealed class ClientOptions
{
    private ClientOptions()
    {
    }

    public Option<string?> Address { get; } = new("--addr")
    {
        Description = $"Coordinator base URL, for example http://127.0.0.1:8200 (default: ${EnvironmentVariables.Address}).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"API bearer token (default: ${EnvironmentVariables.Token}).",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine output: the API's JSON on standard output, problem details on standard error.",
    };

    /// <summary>Adds a fresh set of the shared options to <paramref name="command"/>.</summary>
    public static ClientOptions AddTo(Command command)
    {
        var options = new ClientOptions();
        command.Options.Add(options.Address);
        command.Options.Add(options.Token);
        command.Options.Add(options.Json);
        return options;
    }

    /// <summary>A client for the flags, falling back to the environment; a usage error names what is missing.</summary>
    public ArcanumClient CreateClient(ParseResult parseResult, ClientEnvironment environment)
    {
        try
        {
            return ArcanumClient.FromSettings(
                parseResult.GetValue(Address) ?? environment.GetVariable(EnvironmentVariables.Address),
                parseResult.GetValue(Token) ?? environment.GetVariable(EnvironmentVariables.Token));
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
