using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Contracts;
using Arcanum.Crypto;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary><c>arcanum access register|grant|revoke|check</c> (issue 8, access module; docs/cli.md "arcanum access").</summary>
internal static class AccessCommand
{
    private static readonly string[] Levels = ["public", "protected", "confidential", "anonymous"];

    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("access", "Register resources, grant and revoke access to them, and check access on the ledger.");
        command.Subcommands.Add(Register(environment));
        command.Subcommands.Add(Grant(environment));
        command.Subcommands.Add(Revoke(environment));
        command.Subcommands.Add(Check(environment));
        return command;
    }

    private static Option<string> ResourceOption() => new("--resource")
    {
        Description = $"The resource id: 1–{ResourceId.MaxLength} characters from [a-z0-9._:-].",
        Required = true,
    };

    private static Command Register(ClientEnvironment environment)
    {
        var resource = ResourceOption();
        var level = new Option<string>("--level") { Description = "Privacy level: public, protected, confidential or anonymous (default protected)." };
        level.AcceptOnlyFromAmong(Levels);
        var command = new Command("register", "Register a resource owned by the signing account (access.register_resource).") { resource, level };
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) =>
        {
            var id = ParseResource(invocation.ParseResult.GetRequiredValue(resource));
            var privacy = Enum.Parse<PrivacyLevel>(invocation.ParseResult.GetValue(level) ?? "protected", ignoreCase: true);
            var call = new LedgerCall(AccessModule.ModuleName, AccessModule.RegisterResource, new RegisterResourceArgs(id, privacy).Encode());
            return LedgerSigning.RunAsync(invocation, signing, (_, _) => Task.FromResult(call), cancellationToken);
        });
        return command;
    }

    private static Command Grant(ClientEnvironment environment)
    {
        var resource = ResourceOption();
        var to = new Option<string>("--to") { Description = "The grantee: an account id (arc1… or hex) or a local account name.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "When the grant expires: a duration from now (30m, 24h, 30d) or Unix milliseconds (default: never)." };
        var admin = new Option<bool>("--admin") { Description = "The grantee may grant and revoke in turn (a delegate)." };
        var command = new Command("grant", "Grant an account access to a resource (access.grant_access); only the owner or an admin delegate may.") { resource, to, expires, admin };
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) =>
        {
            var parse = invocation.ParseResult;
            var id = ParseResource(parse.GetRequiredValue(resource));
            var expiry = parse.GetValue(expires) is { } text
                ? Durations.TryParseExpiry(text, DateTimeOffset.UtcNow) ?? throw new UsageException($"--expires '{text}' is neither a duration such as 30m, 24h, 30d nor Unix milliseconds.")
                : (ulong?)null;
            using var rng = new SodiumRandomNumberGenerator();
            var grantee = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), parse.GetRequiredValue(to), "--to");
            var call = new LedgerCall(AccessModule.ModuleName, AccessModule.GrantAccess, new GrantAccessArgs(id, grantee, expiry, parse.GetValue(admin)).Encode());
            return LedgerSigning.RunAsync(invocation, signing, (_, _) => Task.FromResult(call), cancellationToken);
        });
        return command;
    }

    private static Command Revoke(ClientEnvironment environment)
    {
        var resource = ResourceOption();
        var from = new Option<string>("--from") { Description = "The account whose grant ends: an account id (arc1… or hex) or a local account name.", Required = true };
        var command = new Command("revoke", "Revoke an account's grant on a resource (access.revoke_access).") { resource, from };
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) =>
        {
            var id = ParseResource(invocation.ParseResult.GetRequiredValue(resource));
            using var rng = new SodiumRandomNumberGenerator();
            var grantee = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), invocation.ParseResult.GetRequiredValue(from), "--from");
            var call = new LedgerCall(AccessModule.ModuleName, AccessModule.RevokeAccess, new RevokeAccessArgs(id, grantee).Encode());
            return LedgerSigning.RunAsync(invocation, signing, (_, _) => Task.FromResult(call), cancellationToken);
        });
        return command;
    }

    private static Command Check(ClientEnvironment environment)
    {
        var resource = ResourceOption();
        var account = new Option<string>("--account") { Description = "The account: an account id (arc1… or hex) or a local account name.", Required = true };
        var key = LedgerTrust.CreateOption();
        var command = new Command("check", "Whether an account may use a resource at the latest block's time, verified against the committee key; exit 0 either way.")
        {
            resource, account, key,
        };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var id = ParseResource(invocation.ParseResult.GetRequiredValue(resource));
            using var rng = new SodiumRandomNumberGenerator();
            var subject = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), invocation.ParseResult.GetRequiredValue(account), "--account");
            var session = await LedgerSession.StartAsync(invocation, key, cancellationToken).ConfigureAwait(false);
            var answer = await session.Client.CheckAccessAsync(id, subject, session.Trust, cancellationToken).ConfigureAwait(false);
            Write(invocation.Output, answer);
            return ClientAction.Success;
        });
        return command;
    }

    private static ResourceId ParseResource(string text) =>
        ResourceId.TryCreate(text, out var id) ? id : throw new UsageException($"--resource '{text}' is not a resource id (1–{ResourceId.MaxLength} characters from [a-z0-9._:-]).");

    private static void Write(CommandOutput output, LedgerAnswer<Arcanum.Ledger.Queries.AccessCheckView> answer)
    {
        if (output.Json)
        {
            output.WriteJson(answer, LedgerJsonContext.Default.LedgerAnswerAccessCheckView);
            return;
        }

        var view = answer.Value;
        var fields = new List<(string, string)>
        {
            ("resource", view.ResourceId),
            ("account", view.Account),
            ("allowed", view.Allowed ? "yes" : "no"),
            ("owner", view.IsOwner ? "yes" : "no"),
            ("at", $"height {answer.Height.ToString(CultureInfo.InvariantCulture)}, time {view.AtTime.ToString(CultureInfo.InvariantCulture)}"),
        };
        if (view.Grant is { } grant)
        {
            fields.Add(("grant", string.Create(CultureInfo.InvariantCulture,
                $"{(grant.Admin ? "admin" : "user")}, expires {(grant.Expiry is { } expiry ? expiry.ToString(CultureInfo.InvariantCulture) : "never")}, by {grant.GrantedBy} at height {grant.Height}")));
        }

        output.WriteFields(fields);
    }
}
