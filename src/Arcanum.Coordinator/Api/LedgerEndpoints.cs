using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Ledger;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// /v1/ledger (issue 8, "API and CLI"; docs/api.md "Ledger"): submit a signed transaction, read transactions, blocks,
/// the chain's status and genesis, run the module queries (with <c>?proof=true</c>, a proof per state key read), and
/// the WebSocket of finalized blocks. Every input is checked here; <see cref="ILedgerService"/> (resolved per request,
/// 503 <c>ledger-not-configured</c> when the host registered none) does the rest. The routes draw from their own rate
/// limit bucket (<see cref="LedgerRateLimitMetadata"/>), and a submission is not audited
/// (<see cref="SelfRecordedRouteMetadata"/>): the committee-signed chain is its record.
/// </summary>
internal static class LedgerEndpoints
{
    /// <summary>A transaction hash: SHA-256, 64 hex digits.</summary>
    private const int HashHexLength = 2 * Transaction.HashLength;

    private const string ReadersSummary = "; every role may read";

    /// <summary>The bodies are written with the contracts' own options (camelCase, absent values left out), as the SDK reads them.</summary>
    private static readonly LedgerJsonContext Json = LedgerJsonContext.Default;

    private static readonly string[] Readers = [Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor];

    public static void Map(RouteGroupBuilder v1)
    {
        var ledger = v1.MapGroup("/ledger")
            .WithTags("ledger")
            .WithMetadata(LedgerRateLimitMetadata.Instance)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        ledger.MapPost("/transactions", SubmitAsync)
            .WithName("SubmitLedgerTransaction")
            .WithMetadata(SelfRecordedRouteMetadata.Instance)
            .WithSummary("Submit a signed ledger transaction (TransactionJson); 202 once it is durably pooled")
            .Accepts<LedgerTransactionBody>("application/json")
            .Produces<LedgerSubmitResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Signer, Roles.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        ledger.MapGet("/transactions/{hash}", GetTransactionAsync)
            .WithName("GetLedgerTransaction")
            .WithSummary("A transaction's status: pending, included (height, index, events) or rejected (reason)" + ReadersSummary)
            .Produces<LedgerTransactionStatus>()
            .RequireRoles(Readers)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapGet("/blocks/latest", GetLatestBlockAsync)
            .WithName("GetLatestLedgerBlock")
            .WithSummary("The latest finalized block (genesis while no other is)" + ReadersSummary)
            .Produces<LedgerBlockInfo>()
            .RequireRoles(Readers);
        ledger.MapGet("/blocks/{height}", GetBlockAsync)
            .WithName("GetLedgerBlock")
            .WithSummary("The finalized block at a height (0 = genesis)" + ReadersSummary)
            .Produces<LedgerBlockInfo>()
            .RequireRoles(Readers)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapGet("/status", GetStatusAsync)
            .WithName("GetLedgerStatus")
            .WithSummary("The chain id, committee key, latest finalized block, pool size and sequencer settings" + ReadersSummary)
            .Produces<LedgerStatusInfo>()
            .RequireRoles(Readers);
        ledger.MapGet("/genesis", GetGenesis)
            .WithName("GetLedgerGenesis")
            .WithSummary("The genesis document as GenesisDocument.TryParse reads it ({chainId, allocations: [{account, balance}]}) plus committeeKey (hex)" + ReadersSummary)
            .Produces<LedgerGenesisBody>()
            .RequireRoles(Readers);
        MapQueries(ledger);
        ledger.MapGet("/events", (Delegate)EventsAsync)
            .WithName("LedgerEvents")
            .WithSummary("WebSocket of finalized blocks (LedgerBlockEvent JSON text messages); the token may also be passed as ?token=")
            .RequireRoles(Readers)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static void MapQueries(RouteGroupBuilder ledger)
    {
        const string Proof = "; ?proof=true adds a proof per state key read, against the block's committee-signed header" + ReadersSummary;
        Query(ledger.MapGet("/accounts/{account}", GetAccount), "GetLedgerAccount", "accounts: balance and next nonce" + Proof)
            .Produces<LedgerAnswer<AccountView>>();
        Query(ledger.MapGet("/keystore/{account}", GetKeystore), "GetLedgerKeystore", "keystore: current keys and rotation history" + Proof)
            .Produces<LedgerAnswer<KeystoreView>>();
        Query(ledger.MapGet("/access/resources/{resourceId}", GetResource), "GetLedgerResource", "access: a resource and its grantees" + Proof)
            .Produces<LedgerAnswer<ResourceView>>();
        Query(ledger.MapGet("/access/resources/{resourceId}/check/{account}", CheckAccess), "CheckLedgerAccess",
                "access: whether an account may use a resource at the answer's block time" + Proof)
            .Produces<LedgerAnswer<AccessCheckView>>();
        Query(ledger.MapGet("/messages/groups/{resourceId}", GetGroupMessages), "GetLedgerGroupMessages",
                "messages: envelopes to a group after sequence ?after (default 0), at most ?limit (1–100, default 100)" + Proof)
            .Produces<LedgerAnswer<MessagesView>>();
        Query(ledger.MapGet("/messages/{account}", GetInbox), "GetLedgerInbox",
                "messages: envelopes to an account after sequence ?after (default 0), at most ?limit (1–100, default 100)" + Proof)
            .Produces<LedgerAnswer<MessagesView>>();
    }

    private static RouteHandlerBuilder Query(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name)
            .WithSummary(summary)
            .RequireRoles(Readers)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> SubmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        var (bytes, problem) = await JsonBody.ReadBytesAsync(context.Request, TransactionJson.MaxLength, cancellationToken);
        if (bytes is null)
        {
            return problem!;
        }

        if (!TransactionJson.TryParse(bytes, out var transaction, out var error))
        {
            var errors = new FieldErrors();
            errors.Add(error.Field.Length == 0 ? "body" : ApiProblems.Truncate(error.Field), error.Message);
            return ApiProblems.Invalid(errors);
        }

        var response = await ledger.SubmitAsync(transaction, cancellationToken);
        context.Response.Headers.Location = $"/v1/ledger/transactions/{response.Hash}";
        return TypedResults.Json(response, Json.LedgerSubmitResponse, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetTransactionAsync(string hash, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        if (hash.Length != HashHexLength || !hash.All(char.IsAsciiHexDigit))
        {
            return Invalid("hash", $"a transaction hash is {HashHexLength} hex digits");
        }

        var status = await ledger.GetTransactionAsync(Convert.FromHexString(hash), cancellationToken);
        return status is null
            ? ApiProblems.Create(StatusCodes.Status404NotFound, "ledger-transaction-not-found", "Unknown ledger transaction",
                $"no transaction with hash {hash.ToLowerInvariant()} is pooled or processed", "hash")
            : TypedResults.Json(status, Json.LedgerTransactionStatus);
    }

    private static async Task<IResult> GetLatestBlockAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        var height = checked((long)(ledger.LatestFinalized?.Header.Height ?? 0));
        return await BlockAsync(ledger, height, cancellationToken);
    }

    private static async Task<IResult> GetBlockAsync(string height, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        return long.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? await BlockAsync(ledger, value, cancellationToken)
            : Invalid("height", $"a block height is an integer from 0 to {long.MaxValue}");
    }

    private static async Task<IResult> BlockAsync(ILedgerService ledger, long height, CancellationToken cancellationToken) =>
        await ledger.GetBlockAsync(height, cancellationToken) is { } block
            ? TypedResults.Json(block, Json.LedgerBlockInfo)
            : ApiProblems.Create(StatusCodes.Status404NotFound, "ledger-block-not-found", "No such block",
                $"no block at height {height}: it is above the latest finalized block", "height");

    private static async Task<IResult> GetStatusAsync(HttpContext context, CancellationToken cancellationToken) =>
        TryReady(context, out var ledger, out var unavailable) ? TypedResults.Json(await ledger.GetStatusAsync(cancellationToken), Json.LedgerStatusInfo) : unavailable;

    private static IResult GetGenesis(HttpContext context)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        var chain = ledger.Chain!;
        using var genesis = JsonDocument.Parse(chain.Genesis.ToJson());
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var member in genesis.RootElement.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            writer.WriteString("committeeKey", Convert.ToHexStringLower(chain.CommitteeKey.Bytes));
            writer.WriteEndObject();
        }

        return TypedResults.Bytes(stream.ToArray(), "application/json");
    }

    private static IResult GetAccount(string account, HttpContext context)
    {
        var errors = new FieldErrors();
        var id = ParseAccount(account, errors);
        var proof = ParseProof(context.Request, errors);
        return Answer(context, errors, (state, _) => LedgerQueries.Account(state, id!), proof, Json.LedgerAnswerAccountView);
    }

    private static IResult GetKeystore(string account, HttpContext context)
    {
        var errors = new FieldErrors();
        var id = ParseAccount(account, errors);
        var proof = ParseProof(context.Request, errors);
        return Answer(context, errors, (state, _) => LedgerQueries.Keystore(state, id!), proof, Json.LedgerAnswerKeystoreView);
    }

    private static IResult GetResource(string resourceId, HttpContext context)
    {
        var errors = new FieldErrors();
        var resource = ParseResource(resourceId, errors);
        var proof = ParseProof(context.Request, errors);
        return Answer(context, errors, (state, _) => LedgerQueries.Resource(state, resource!), proof, Json.LedgerAnswerResourceView);
    }

    private static IResult CheckAccess(string resourceId, string account, HttpContext context)
    {
        var errors = new FieldErrors();
        var resource = ParseResource(resourceId, errors);
        var id = ParseAccount(account, errors);
        var proof = ParseProof(context.Request, errors);
        return Answer(context, errors, (state, header) => LedgerQueries.CheckAccess(state, resource!, id!, header.TimeUnixMilliseconds), proof, Json.LedgerAnswerAccessCheckView);
    }

    private static IResult GetInbox(string account, HttpContext context)
    {
        var errors = new FieldErrors();
        var id = ParseAccount(account, errors);
        var (after, limit, proof) = ParsePage(context.Request, errors);
        return Answer(context, errors, (state, _) => LedgerQueries.Inbox(state, id!, after, limit), proof, Json.LedgerAnswerMessagesView);
    }

    private static IResult GetGroupMessages(string resourceId, HttpContext context)
    {
        var errors = new FieldErrors();
        var group = ParseResource(resourceId, errors);
        var (after, limit, proof) = ParsePage(context.Request, errors);
        return Answer(context, errors, (state, _) => LedgerQueries.Group(state, group!, after, limit), proof, Json.LedgerAnswerMessagesView);
    }

    private static Task<IResult> EventsAsync(HttpContext context) =>
        context.RequestServices.GetService<ILedgerService>() is { } ledger
            ? EventSocket.StreamAsync(context, "/v1/ledger/events", ledger.SubscribeAsync, Json.LedgerBlockEvent)
            : Task.FromResult<IResult>(NotConfigured());

    /// <summary>400 listing every invalid input, or the query's answer over the latest finalized state.</summary>
    private static IResult Answer<T>(HttpContext context, FieldErrors errors, Func<IStateView, FinalizedHeaderInfo, T> query, bool proof, JsonTypeInfo<LedgerAnswer<T>> json)
    {
        if (!TryReady(context, out var ledger, out var unavailable))
        {
            return unavailable;
        }

        return errors.IsEmpty ? TypedResults.Json(ledger.Query(query, proof), json) : ApiProblems.Invalid(errors);
    }

    /// <summary>The ledger service, once the host registered one and the chain is ready; else the 503 to answer.</summary>
    private static bool TryReady(HttpContext context, [NotNullWhen(true)] out ILedgerService? ledger, [NotNullWhen(false)] out ProblemHttpResult? unavailable)
    {
        ledger = context.RequestServices.GetService<ILedgerService>();
        unavailable = ledger is null ? NotConfigured()
            : ledger.Chain is null ? ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "ledger-not-ready", "Ledger not ready",
                "the ledger has no committee key yet: it is made once every node of the cluster is connected")
            : null;
        return unavailable is null;
    }

    private static ProblemHttpResult NotConfigured() =>
        ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "ledger-not-configured", "Ledger not configured",
            "this coordinator runs no ledger (configure a genesis document)");

    private static ProblemHttpResult Invalid(string field, string detail)
    {
        var errors = new FieldErrors();
        errors.Add(field, detail);
        return ApiProblems.Invalid(errors);
    }

    private static AccountId? ParseAccount(string text, FieldErrors errors)
    {
        if (AccountId.TryParse(text, out var id))
        {
            return id;
        }

        errors.Add("account", "must be an account id: arc1… (Bech32) or 64 lower-case hex digits");
        return null;
    }

    private static ResourceId? ParseResource(string text, FieldErrors errors)
    {
        if (ResourceId.TryCreate(text, out var id))
        {
            return id;
        }

        errors.Add("resourceId", $"must be 1–{ResourceId.MaxLength} characters from [a-z0-9._:-]");
        return null;
    }

    /// <summary><c>?proof=</c>: absent (false), or exactly once, <c>true</c> or <c>false</c>.</summary>
    private static bool ParseProof(HttpRequest request, FieldErrors errors)
    {
        var values = request.Query["proof"];
        switch (values.Count)
        {
            case 0:
                return false;
            case 1 when values[0] is "true" or "false":
                return values[0] == "true";
            default:
                errors.Add("proof", "must be given at most once, as true or false");
                return false;
        }
    }

    /// <summary><c>?after=</c> (a sequence number, default 0), <c>?limit=</c> (1–100, default 100) and <c>?proof=</c>.</summary>
    private static (ulong After, int Limit, bool Proof) ParsePage(HttpRequest request, FieldErrors errors)
    {
        var after = ParseNumber(request, "after", 0, ulong.MaxValue, 0, errors);
        var limit = (int)ParseNumber(request, "limit", 1, LedgerQueries.MaxMessages, LedgerQueries.MaxMessages, errors);
        return (after, limit, ParseProof(request, errors));
    }

    private static ulong ParseNumber(HttpRequest request, string name, ulong min, ulong max, ulong absent, FieldErrors errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return absent;
        }

        if (values.Count == 1 && ulong.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, $"must be given at most once, as an integer from {min} to {max}");
        return absent;
    }
}

/// <summary>
/// The body of POST /v1/ledger/transactions as the OpenAPI document shows it; the route reads it with
/// <see cref="TransactionJson.TryParse"/> (docs/ledger.md "JSON form"): sender arc1… or hex, nonce 0 … 2^64 − 1, args
/// and signature lower-case hex.
/// </summary>
internal sealed record LedgerTransactionBody(string ChainId, string Sender, ulong Nonce, string Module, string Call, string Args, string Signature);

/// <summary>
/// The answer of GET /v1/ledger/genesis as the OpenAPI document shows it: <see cref="GenesisDocument.ToJson"/>'s members
/// (what <see cref="GenesisDocument.TryParse"/> reads) followed by the committee's Ed25519 public key in hex.
/// </summary>
internal sealed record LedgerGenesisBody(string ChainId, IReadOnlyList<LedgerGenesisAllocation> Allocations, string CommitteeKey);

/// <summary>One genesis allocation: an account (arc1…) and its opening balance.</summary>
internal sealed record LedgerGenesisAllocation(string Account, ulong Balance);
