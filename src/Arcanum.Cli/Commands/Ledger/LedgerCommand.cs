using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json.Serialization;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// <c>arcanum ledger status|verify</c> (issue 8, "Recovery"; docs/cli.md "arcanum ledger"). <c>verify</c> replays the
/// whole chain from the genesis document with <see cref="ChainVerifier"/>: every block's committee signature under the
/// trusted key and every re-executed root. Blocks are streamed through a small buffer, never all held at once.
/// </summary>
internal static class LedgerCommand
{
    /// <summary>Blocks fetched ahead of the verifier.</summary>
    private const int BlockBuffer = 16;

    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("ledger", "Inspect the ledger and verify its chain.");
        command.Subcommands.Add(Status(environment));
        command.Subcommands.Add(Verify(environment));
        return command;
    }

    private static Command Status(ClientEnvironment environment)
    {
        var command = new Command("status", "The coordinator's ledger status: chain id, committee key, head block, pooled transactions (as reported, not verified).");
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var status = await invocation.Client.GetLedgerStatusAsync(cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(status, LedgerJsonContext.Default.LedgerStatusInfo);
                return ClientAction.Success;
            }

            invocation.Output.WriteFields([
                ("chain id", status.ChainId),
                ("committee key", status.CommitteeKey),
                ("height", status.Height.ToString(CultureInfo.InvariantCulture)),
                ("head hash", status.HeadHash),
                ("state root", status.StateRoot),
                ("time", status.Time.ToString(CultureInfo.InvariantCulture)),
                ("pending", status.Pending.ToString(CultureInfo.InvariantCulture)),
                ("block interval", status.BlockIntervalMs.ToString(CultureInfo.InvariantCulture) + " ms"),
                ("max tx/block", status.MaxTxPerBlock.ToString(CultureInfo.InvariantCulture)),
            ]);
            return ClientAction.Success;
        });
        return command;
    }

    private static Command Verify(ClientEnvironment environment)
    {
        var key = LedgerTrust.CreateOption();
        var command = new Command("verify",
            "Replay the chain from genesis: check every block's committee signature and re-execute it; exit 1 at the first block that fails.") { key };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var session = await LedgerSession.StartAsync(invocation, key, cancellationToken).ConfigureAwait(false);
            var genesis = await session.Client.GetGenesisAsync(cancellationToken).ConfigureAwait(false);
            if (genesis.Document.ChainId != session.ChainId)
            {
                throw new CommandFailedException($"The genesis document is for chain '{genesis.Document.ChainId}', the coordinator reports '{session.ChainId}'.");
            }

            if (!genesis.CommitteeKey.Equals(session.Trust.CommitteeKey))
            {
                throw new CommandFailedException($"The coordinator's genesis names committee key {genesis.CommitteeKey}, but the trusted key is {session.Trust.CommitteeKey}.");
            }

            if (session.Status.Height < 0)
            {
                throw new InvalidDataException($"The coordinator reports head height {session.Status.Height}.");
            }

            var config = new ChainConfig { Genesis = genesis.Document, CommitteeKey = session.Trust.CommitteeKey };
            var outcome = await ReplayAsync(session, new ChainVerifier(config, TransactionExecutor.CreateDefault()), (ulong)session.Status.Height, cancellationToken)
                .ConfigureAwait(false);
            Write(invocation.Output, outcome);
            return outcome.Valid ? ClientAction.Success : ClientAction.Failure;
        });
        return command;
    }

    /// <summary>
    /// Fetches blocks 1 … <paramref name="head"/> into a bounded buffer that the verifier drains on another thread; the
    /// first block that fails — to decode or to verify — ends the run.
    /// </summary>
    private static async Task<VerifyJson> ReplayAsync(LedgerSession session, ChainVerifier verifier, ulong head, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<FinalizedBlock>(BlockBuffer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var verification = Task.Run(() =>
        {
            try
            {
                return verifier.VerifyFromGenesis(queue.GetConsumingEnumerable(stop.Token), new InMemoryTreeNodeStore());
            }
            finally
            {
                stop.Cancel();
            }
        }, CancellationToken.None);

        ExceptionDispatchInfo? fetchError = null;
        (ulong Height, string Reason)? undecodable = null;
        try
        {
            for (var height = 1UL; height <= head && undecodable is null; height++)
            {
                var info = await session.Client.GetBlockAsync(height, stop.Token).ConfigureAwait(false);
                if (TryDecode(info, height, out var block, out var reason))
                {
                    queue.Add(block, stop.Token);
                }
                else
                {
                    undecodable = (height, reason);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The verifier stopped at a failing block; the rest is not needed.
        }
        catch (Exception e) when (e is HttpRequestException or Client.ArcanumApiException or InvalidDataException or TaskCanceledException)
        {
            fetchError = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            queue.CompleteAdding();
        }

        var result = await verification.ConfigureAwait(false);
        if (!result.IsValid)
        {
            return VerifyJson.From(result, result.FailedHeight, result.Finding!.Fault.ToString(), result.Finding.Detail);
        }

        fetchError?.Throw();
        return undecodable is { } bad
            ? VerifyJson.From(result, bad.Height, "Undecodable", bad.Reason)
            : VerifyJson.From(result, null, null, null);
    }

    /// <summary>The block of <paramref name="info"/>: its hex <c>Encoded</c>, a finalized block at <paramref name="height"/>.</summary>
    private static bool TryDecode(LedgerBlockInfo info, ulong height, out FinalizedBlock block, out string reason)
    {
        block = null!;
        if (info.Height < 0 || (ulong)info.Height != height)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"asked for block {height}, got {info.Height}");
            return false;
        }

        if (info.Encoded is not { Length: <= 2 * FinalizedBlock.MaxEncodedLength } hex || !Hex.TryDecode(hex, out var bytes))
        {
            reason = "the block encoding is not hex of a block's length";
            return false;
        }

        if (!FinalizedBlock.TryDecode(bytes, out var decoded, out var error))
        {
            reason = "the block does not decode: " + error;
            return false;
        }

        block = decoded;
        reason = string.Empty;
        return true;
    }

    private static void Write(CommandOutput output, VerifyJson outcome)
    {
        if (output.Json)
        {
            output.WriteJson(outcome, LedgerVerifyJsonContext.Default.VerifyJson);
            return;
        }

        if (outcome.Valid)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verified {outcome.BlocksVerified} blocks, head {outcome.Head}, state root {outcome.StateRoot}"));
            return;
        }

        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failed at height {outcome.FailedHeight}: {outcome.Fault}: {outcome.Detail} (verified {outcome.BlocksVerified} blocks before it)"));
    }
}

/// <summary><c>ledger verify --json</c>: the replay's outcome; the failure fields are null when valid.</summary>
internal sealed record VerifyJson(bool Valid, int BlocksVerified, ulong Head, string HeadHash, string StateRoot, ulong? FailedHeight, string? Fault, string? Detail)
{
    public static VerifyJson From(ChainVerification result, ulong? failedHeight, string? fault, string? detail) => new(
        fault is null, result.BlocksVerified, result.Head.Height, Hex.Encode(result.Head.Hash()), Hex.Encode(result.Head.StateRoot), failedHeight, fault, detail);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VerifyJson))]
internal sealed partial class LedgerVerifyJsonContext : JsonSerializerContext;
