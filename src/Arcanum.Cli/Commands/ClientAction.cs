using System.CommandLine;
using System.CommandLine.Invocation;
using System.Net.WebSockets;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;

namespace Arcanum.Cli.Commands;

/// <summary>What a client command does once its arguments parsed: given the client and output, returns the exit code.</summary>
internal delegate Task<int> ClientCommandHandler(ClientInvocation invocation, CancellationToken cancellationToken);

/// <summary>One run of a client command: its parsed arguments, the API client, where to write, the environment.</summary>
internal sealed record ClientInvocation(ParseResult ParseResult, ArcanumClient Client, CommandOutput Output, ClientEnvironment Environment);

/// <summary>
/// Runs a client command with one exit-code contract: 0 success; 1 the API refused (problem title,
/// detail and field printed), the coordinator could not be reached, a ledger answer did not verify
/// (<see cref="ArcanumProofException"/>) or the command failed otherwise (<see cref="CommandFailedException"/>); 2 usage errors, including the
/// parser's own (this action takes them over so that they too exit 2, not System.CommandLine's 1);
/// 3 accepted but waiting for approval (the request id is printed; the result arrives on the request).
/// </summary>
internal sealed class ClientAction(ClientOptions options, ClientEnvironment environment, ClientCommandHandler handler)
    : AsynchronousCommandLineAction
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int PendingApproval = 3;

    /// <summary>Parse errors reach <see cref="InvokeAsync"/> so that they exit with <see cref="Usage"/>.</summary>
    public override bool ClearsParseErrors => true;

    public static void Attach(Command command, ClientEnvironment environment, ClientCommandHandler handler)
    {
        var options = ClientOptions.AddTo(command);
        command.Action = new ClientAction(options, environment, handler);
    }

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var output = CommandOutput.For(parseResult, parseResult.GetValue(options.Json));
        var parseErrors = parseResult.Errors.Select(error => error.Message)
            .Concat(parseResult.UnmatchedTokens.Select(token => $"Unrecognized argument '{token}'."))
            .ToList();
        if (parseErrors.Count > 0)
        {
            parseErrors.ForEach(output.WriteError);
            output.Error.WriteLine($"See '{parseResult.CommandResult.Command.Name} --help'.");
            return Usage;
        }

        try
        {
            using var client = options.CreateClient(parseResult, environment);
            return await handler(new ClientInvocation(parseResult, client, output, environment), cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            output.WriteError(e.Message);
            return Usage;
        }
        catch (ArcanumApiException e)
        {
            output.WriteProblem(e);
            return Failure;
        }
        catch (ArcanumProofException e)
        {
            output.WriteError(e.Message);
            return Failure;
        }
        catch (CommandFailedException e)
        {
            output.WriteError(e.Message);
            return Failure;
        }
        catch (ArcanumApprovalPendingException e)
        {
            if (output.Json)
            {
                output.WriteJson(e.Pending, ApiJsonContext.Default.PendingRequestResponse);
            }
            else
            {
                output.WriteFields([("status", "pending approval"), ("request", e.Pending.RequestId),
                    ("needs", $"{e.Pending.Requires.Quorum} of {string.Join(", ", e.Pending.Requires.Approvers)}")]);
            }

            return PendingApproval;
        }
        catch (Exception e) when (e is HttpRequestException or WebSocketException or InvalidDataException)
        {
            output.WriteError($"The coordinator could not be reached or answered nonsense: {e.Message}");
            return Failure;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            output.WriteError("The coordinator did not answer in time.");
            return Failure;
        }
    }
}
