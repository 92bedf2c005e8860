using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum audit verify</c> (walk the hash chain; exit 1 when it is broken, naming the entry) and
/// <c>arcanum audit tail [-n 20] [--follow]</c> (the last entries, then new ones as they are written).
/// </summary>
internal static class AuditCommand
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(2);

    public static Command Create(ClientEnvironment environment)
    {
        var verify = new Command("verify", "Check the audit log's hash chain from the first entry; exit code 1 if it is broken.");
        ClientAction.Attach(verify, environment, async (invocation, cancellationToken) =>
        {
            var result = await invocation.Client.VerifyAuditAsync(cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(result, ApiJsonContext.Default.AuditVerifyResponse);
            }
            else
            {
                invocation.Output.WriteFields([
                    ("ok", result.Ok ? "yes" : "NO"), ("entries", result.Entries.ToString(CultureInfo.InvariantCulture)), ("head", result.Head ?? "(empty log)"),
                    .. result.Ok ? [] : new[] { ("broken at", result.BrokenAt?.ToString(CultureInfo.InvariantCulture) ?? "?"), ("problem", result.Problem ?? "") }]);
            }

            return result.Ok ? ClientAction.Success : ClientAction.Failure;
        });

        var count = new Option<int>("-n", "--lines") { Description = "How many of the last entries to show.", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until interrupted." };
        var tail = new Command("tail", "Show the last audit entries (and, with --follow, new ones as they come).") { count, follow };
        ClientAction.Attach(tail, environment, async (invocation, cancellationToken) =>
        {
            var lines = invocation.ParseResult.GetValue(count);
            if (lines is < 1 or > 1000)
            {
                throw new UsageException("-n must be 1 to 1000.");
            }

            var head = (await invocation.Client.VerifyAuditAsync(cancellationToken).ConfigureAwait(false)).Entries;
            var after = Math.Max(0, head - lines);
            do
            {
                var entries = await invocation.Client.ListAuditAsync(after, 1000, cancellationToken).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    Print(invocation.Output, entry);
                    after = entry.Seq;
                }

                if (invocation.ParseResult.GetValue(follow) && entries.Length < 1000)
                {
                    await Task.Delay(FollowInterval, cancellationToken).ConfigureAwait(false);
                }
            }
            while (invocation.ParseResult.GetValue(follow) && !cancellationToken.IsCancellationRequested);

            return ClientAction.Success;
        });
        return new Command("audit", "Read and verify the audit log (auditor or admin token).") { verify, tail };
    }

    private static void Print(CommandOutput output, AuditEntryInfo entry)
    {
        if (output.Json)
        {
            output.WriteJson(entry, ApiJsonContext.Default.AuditEntryInfo);
            return;
        }

        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entry.Seq,6} {CommandOutput.FormatTime(entry.Time)} {entry.ActorName} {entry.Action} {entry.Target} {entry.Decision} {entry.Outcome}"));
    }
}
