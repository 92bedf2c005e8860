using System.CommandLine;
using System.Net.WebSockets;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary><c>arcanum key create|list|show|refresh|reshare|destroy</c>: the key lifecycle through the REST API.</summary>
internal static class KeyCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("key", "Create, list, show, refresh, reshare and destroy threshold keys.");
        command.Subcommands.Add(CreateKey(environment));
        command.Subcommands.Add(ListKeys(environment));
        command.Subcommands.Add(ShowKey(environment));
        command.Subcommands.Add(RefreshKey(environment));
        command.Subcommands.Add(ReshareKey(environment));
        command.Subcommands.Add(DestroyKey(environment));
        return command;
    }

    private static Command CreateKey(ClientEnvironment environment)
    {
        var name = new Option<string>("--name") { Description = "Key name: 1-64 characters A-Z a-z 0-9 . _ -", Required = true };
        var scheme = new Option<string>("--scheme") { Description = "Signature scheme.", Required = true };
        scheme.AcceptOnlyFromAmong([.. KeySchemes.All]);
        var threshold = new Option<int>("--threshold") { Description = "Signers needed (t, 2 ≤ t ≤ n).", Required = true };
        var parties = new Option<int?>("--parties") { Description = "Share holders (n; default: every node)." };
        var command = new Command("create", "Run a distributed key generation and print the new key.") { name, scheme, threshold, parties };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var request = new CreateKeyRequest(
                invocation.ParseResult.GetValue(name),
                invocation.ParseResult.GetValue(scheme),
                invocation.ParseResult.GetValue(threshold),
                invocation.ParseResult.GetValue(parties));
            var key = invocation.Output.Interactive
                ? await CreateWithProgressAsync(invocation, request, cancellationToken).ConfigureAwait(false)
                : await invocation.Client.CreateKeyAsync(request, cancellationToken).ConfigureAwait(false);
            KeyView.Write(invocation.Output, key);
            return ClientAction.Success;
        });
        return command;
    }

    /// <summary>A spinner whose text follows the DKG's rounds from /v1/events; without events it just spins.</summary>
    private static Task<KeyInfo> CreateWithProgressAsync(ClientInvocation invocation, CreateKeyRequest request, CancellationToken cancellationToken) =>
        invocation.Output.Console.Status().StartAsync("Running distributed key generation…", async context =>
        {
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watch = FollowKeygenAsync(invocation.Client, status => context.Status(Markup.Escape(status)), stopWatching.Token);
            try
            {
                return await invocation.Client.CreateKeyAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await stopWatching.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
            }
        });

    private static async Task FollowKeygenAsync(ArcanumClient client, Action<string> showStatus, CancellationToken cancellationToken)
    {
        var progress = new KeygenProgress();
        try
        {
            await foreach (var sessionEvent in client.WatchEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (progress.Observe(sessionEvent) is { } status)
                {
                    showStatus(status);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The key exists (or creation failed): the display is over.
        }
        catch (Exception e) when (e is WebSocketException or InvalidDataException or HttpRequestException)
        {
            // Events are best effort; the spinner goes on without round numbers.
            showStatus("Running distributed key generation (no progress events)…");
        }
    }

    private static Command ListKeys(ClientEnvironment environment)
    {
        var command = new Command("list", "List the live keys.");
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            KeyView.WriteList(invocation.Output, await invocation.Client.ListKeysAsync(cancellationToken).ConfigureAwait(false));
            return ClientAction.Success;
        });
        return command;
    }

    private static Command ShowKey(ClientEnvironment environment)
    {
        var id = KeyIdArgument();
        var command = new Command("show", "Show one key's public data.") { id };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            KeyView.Write(invocation.Output, await invocation.Client.GetKeyAsync(invocation.ParseResult.GetRequiredValue(id), cancellationToken).ConfigureAwait(false));
            return ClientAction.Success;
        });
        return command;
    }

    private static Command RefreshKey(ClientEnvironment environment)
    {
        var id = KeyIdArgument();
        var command = new Command("refresh", "Replace every share (same public key); the old shares become useless.") { id };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            KeyView.Write(invocation.Output, await invocation.Client.RefreshKeyAsync(invocation.ParseResult.GetRequiredValue(id), cancellationToken).ConfigureAwait(false));
            return ClientAction.Success;
        });
        return command;
    }

    private static Command ReshareKey(ClientEnvironment environment)
    {
        var id = KeyIdArgument();
        var threshold = new Option<int>("--threshold") { Description = "New threshold t.", Required = true };
        var parties = new Option<int>("--parties") { Description = "New number of share holders n.", Required = true };
        var command = new Command("reshare", "Move the key to a new threshold and committee size (same public key).") { id, threshold, parties };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var request = new ReshareRequest(invocation.ParseResult.GetValue(threshold), invocation.ParseResult.GetValue(parties));
            KeyView.Write(invocation.Output, await invocation.Client.ReshareKeyAsync(invocation.ParseResult.GetRequiredValue(id), request, cancellationToken).ConfigureAwait(false));
            return ClientAction.Success;
        });
        return command;
    }

    private static Command DestroyKey(ClientEnvironment environment)
    {
        var id = KeyIdArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("destroy", "Delete the key's shares on every node; it can never sign again.") { id, yes };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var keyId = invocation.ParseResult.GetRequiredValue(id);
            if (!invocation.ParseResult.GetValue(yes) && !Confirm(invocation, keyId))
            {
                invocation.Output.WriteError($"Key {keyId} was not destroyed (not confirmed; pass --yes to skip the question).");
                return ClientAction.Failure;
            }

            await invocation.Client.DestroyKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (!invocation.Output.Json)
            {
                invocation.Output.Out.WriteLine($"Destroyed key {keyId}.");
            }

            return ClientAction.Success;
        });
        return command;
    }

    /// <summary>Asks on standard error and reads one line; only "y" or "yes" confirms (end of input does not).</summary>
    private static bool Confirm(ClientInvocation invocation, string keyId)
    {
        invocation.Output.Error.Write($"Destroy key {keyId}? Its shares are deleted on every node and it can never sign again. [y/N] ");
        invocation.Output.Error.Flush();
        var answer = invocation.Environment.Input.ReadLine()?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }

    private static Argument<string> KeyIdArgument() => new("id") { Description = "The key id." };
}
