using System.Numerics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// /v1/policy (admin): read the active policy and its old versions, install a new version (checked by
/// <see cref="PolicyDocument.TryParse"/>; a document with errors changes nothing), and evaluate an operation as a
/// dry run that explains which rules applied.
/// </summary>
internal static class PolicyEndpoints
{
    private const int MaxDepth = 16;

    private static readonly JsonSerializerOptions StrictJson = new(ApiJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/policy", GetAsync)
            .WithName("GetPolicy")
            .WithSummary("The active transaction policy (the newest version)")
            .Produces<PolicyInfo>()
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/policy/versions", ListAsync)
            .WithName("ListPolicyVersions")
            .WithSummary("Every stored policy version, oldest first")
            .Produces<PolicyInfo[]>()
            .RequireRoles(Roles.Admin);
        v1.MapPut("/policy", PutAsync)
            .WithName("PutPolicy")
            .WithSummary("Install a new policy version (docs/policy.md)")
            .Produces<PolicyInfo>()
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapPost("/policy/evaluate", EvaluateAsync)
            .WithName("EvaluatePolicy")
            .WithSummary("Dry run: the decision the active (or a given) policy takes for an operation, and the rules that applied")
            .Accepts<EvaluateRequest>("application/json")
            .Produces<EvaluateResponse>()
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetAsync([FromServices] IGovernanceStore store, CancellationToken cancellationToken) =>
        await store.GetActivePolicyAsync(cancellationToken) is { } policy
            ? TypedResults.Ok(Info(policy))
            : ApiProblems.Create(404, "no-policy", "No policy installed", "No policy has been installed; every governed operation is denied until one is (PUT /v1/policy).");

    private static async Task<IResult> ListAsync([FromServices] IGovernanceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListPoliciesAsync(cancellationToken)).Select(Info).ToArray());

    private static async Task<IResult> PutAsync(
        HttpContext context, [FromServices] IGovernanceStore store, [FromServices] ApiOptions options, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(context.Request, options.MaxRequestBodyBytes, MaxDepth, cancellationToken);
        if (document is null)
        {
            return problem!;
        }

        using (document)
        {
            if (!PolicyDocument.TryParse(document.RootElement, out var policy, out var policyErrors))
            {
                return InvalidPolicy(policyErrors);
            }

            var canonical = policy!.Canonical();
            var current = await store.GetActivePolicyAsync(cancellationToken);
            var record = new PolicyRecord(
                (current?.Version ?? 0) + 1, canonical, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))),
                CallerIdentity.Of(context.User).Name, time.GetUtcNow());
            return await store.InsertPolicyAsync(record, cancellationToken)
                ? TypedResults.Ok(Info(await store.GetPolicyAsync(record.Version, cancellationToken) ?? record))
                : ApiProblems.Create(409, "policy-changed", "Policy changed meanwhile", $"Another version than {current?.Version ?? 0} became active while this one was stored; read the policy and try again.");
        }
    }

    private static async Task<IResult> EvaluateAsync(
        HttpContext context, [FromServices] PolicyBook policies, [FromServices] GovernedRunner runner, [FromServices] ICoordinatorStore store,
        [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadDocumentAsync(context.Request, options.MaxRequestBodyBytes, MaxDepth, cancellationToken);
        if (document is null)
        {
            return problem!;
        }

        using (document)
        {
            EvaluateRequest? request;
            try
            {
                request = document.RootElement.Deserialize<EvaluateRequest>(StrictJson);
            }
            catch (JsonException e)
            {
                return ApiProblems.Create(400, "invalid-request", "The request is not valid", ApiProblems.Truncate(e.Message, 300), e.Path ?? "body");
            }

            if (request?.Operation is not { } operation || !PolicyOperations.All.Contains(operation, StringComparer.Ordinal))
            {
                return ApiProblems.Create(400, "invalid-request", "The request is not valid", $"operation must be one of {string.Join(", ", PolicyOperations.All)}", "operation");
            }

            PolicyDocument policy;
            long? version = null;
            if (request.Policy is { } given)
            {
                if (!PolicyDocument.TryParse(given, out var parsed, out var errors))
                {
                    return InvalidPolicy(errors);
                }

                policy = parsed!;
            }
            else if (await policies.ActiveAsync(cancellationToken) is { } active)
            {
                (version, policy) = active;
            }
            else
            {
                return ApiProblems.Create(404, "no-policy", "No policy installed", "No policy is installed; give one in \"policy\" to evaluate it.", "policy");
            }

            if (Facts(request.Transaction) is not (var facts, null))
            {
                return ApiProblems.Create(400, "invalid-request", "The request is not valid", "transaction.amount must be a non-negative decimal integer", "transaction.amount");
            }

            var caller = CallerIdentity.Of(context.User);
            var key = request.KeyId is null ? null : await store.GetKeyAsync(request.KeyId, cancellationToken);
            var initiator = new Initiator(request.Initiator?.Name ?? caller.Name, request.Initiator?.Role ?? caller.Role);
            var decision = await runner.EvaluateAsync(
                new OperationRequest(operation, request.KeyId ?? "", request.KeyName ?? key?.Name ?? "", initiator, facts), policy, cancellationToken);
            return TypedResults.Ok(new EvaluateResponse(
                GovernedRunner.DecisionName(decision.Action),
                decision.Reason,
                [.. decision.Matched.Select(m => new MatchedRule(m.RuleId, GovernedRunner.DecisionName(m.Action), m.Why))],
                decision.Approval is { } approval ? new ApprovalRequirementInfo(approval.Quorum, approval.Approvers, approval.ExpiresInSeconds) : null,
                version));
        }
    }

    private static (TransactionFacts? Facts, string? Error) Facts(EvaluateTransaction? transaction)
    {
        if (transaction is null)
        {
            return (null, null);
        }

        BigInteger? amount = null;
        if (transaction.Amount is { } text)
        {
            if (text.Length is 0 or > 80 || !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (null, "amount");
            }

            amount = value;
        }

        return (new TransactionFacts(transaction.Chains ?? [], transaction.Asset, transaction.Destinations ?? [], amount), null);
    }

    private static IResult InvalidPolicy(IReadOnlyList<PolicyError> errors)
    {
        var fields = new FieldErrors();
        foreach (var error in errors)
        {
            fields.Add(error.Path, error.Message);
        }

        return ApiProblems.Invalid(fields);
    }

    private static PolicyInfo Info(PolicyRecord record)
    {
        using var document = JsonDocument.Parse(record.Document);
        return new PolicyInfo(record.Version, document.RootElement.Clone(), record.DocumentHash, record.CreatedBy, record.CreatedAt);
    }
}
