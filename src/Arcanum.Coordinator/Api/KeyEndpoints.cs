using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Policy;
using Arcanum.Coordinator.Sessions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// /v1/keys: create, list, read, sign, refresh, reshare and destroy keys. Every input is checked
/// (<see cref="KeyRequestRules"/>) before <see cref="IKeyOperations"/> is called, so an invalid
/// request changes nothing; a key that is unknown or destroyed is 404.
/// </summary>
internal static class KeyEndpoints
{
    private static readonly Dictionary<string, JsonFieldKind> CreateShape = new(StringComparer.Ordinal)
    {
        ["name"] = JsonFieldKind.String,
        ["scheme"] = JsonFieldKind.String,
        ["threshold"] = JsonFieldKind.Int32,
        ["parties"] = JsonFieldKind.Int32,
    };

    private static readonly Dictionary<string, JsonFieldKind> SignShape = new(StringComparer.Ordinal)
    {
        ["message"] = JsonFieldKind.String,
        ["digest"] = JsonFieldKind.String,
        ["path"] = JsonFieldKind.String,
    };

    private static readonly Dictionary<string, JsonFieldKind> ReshareShape = new(StringComparer.Ordinal)
    {
        ["threshold"] = JsonFieldKind.Int32,
        ["parties"] = JsonFieldKind.Int32,
    };

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/keys", CreateAsync)
            .WithName("CreateKey")
            .WithMetadata(GovernedRouteMetadata.Instance)
            .WithSummary("Create a threshold key by distributed key generation")
            .Accepts<CreateKeyRequest>("application/json")
            .Produces<KeyInfo>(StatusCodes.Status201Created)
            .Produces<PendingRequestResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapGet("/keys", ListAsync)
            .WithName("ListKeys")
            .WithSummary("List the live keys, oldest first")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor);
        v1.MapGet("/keys/{id}", GetAsync)
            .WithName("GetKey")
            .WithSummary("Read a live key's public data")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapDelete("/keys/{id}", DestroyAsync)
            .WithName("DestroyKey")
            .WithMetadata(GovernedRouteMetadata.Instance)
            .WithSummary("Destroy every share of a key and tombstone it")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<PendingRequestResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/keys/{id}/sign", SignAsync)
            .WithName("Sign")
            .WithMetadata(GovernedRouteMetadata.Instance)
            .WithSummary("Sign a message (FROST Ed25519/secp256k1) or a 32-byte digest (ECDSA, Taproot), optionally under a derived key")
            .Accepts<SignRequest>("application/json")
            .Produces<SignResponse>()
            .Produces<PendingRequestResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Signer)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/keys/{id}/refresh", RefreshAsync)
            .WithName("RefreshKey")
            .WithSummary("Refresh a key's shares (same public key, old shares useless); takes no body")
            .RequireRoles(Roles.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/keys/{id}/reshare", ReshareAsync)
            .WithName("ReshareKey")
            .WithMetadata(GovernedRouteMetadata.Instance)
            .WithSummary("Move a key to a new threshold and committee (same public key)")
            .Accepts<ReshareRequest>("application/json")
            .Produces<KeyInfo>()
            .Produces<PendingRequestResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, [FromServices] ICoordinatorStore store, [FromServices] Governed governed, [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, CreateShape, options.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var members = (await store.ListNodesAsync(cancellationToken)).Count;
        var errors = new FieldErrors();
        var valid = KeyRequestRules.Create(
            new CreateKeyRequest(body.String("name"), body.String("scheme"), body.Int32("threshold"), body.Int32("parties")), members, errors);
        return valid is { } create
            ? await governed.RunAsync(context, PolicyOperations.KeyCreate, new CreateKeyCommand(create.Name, create.Scheme, create.Threshold, create.Parties), cancellationToken)
            : ApiProblems.Invalid(errors);
    }

    private static async Task<Ok<KeyInfo[]>> ListAsync([FromServices] ICoordinatorStore store, CancellationToken cancellationToken)
    {
        var keys = await store.ListKeysAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(ApiMapping.ToKeyInfo).ToArray());
    }

    private static async Task<Results<Ok<KeyInfo>, ProblemHttpResult>> GetAsync(string id, [FromServices] ICoordinatorStore store, CancellationToken cancellationToken) =>
        await LiveKeyAsync(store, id, cancellationToken) is { } key ? TypedResults.Ok(ApiMapping.ToKeyInfo(key)) : ApiProblems.UnknownKey(id);

    private static async Task<IResult> DestroyAsync(
        string id, HttpContext context, [FromServices] ICoordinatorStore store, [FromServices] Governed governed, CancellationToken cancellationToken) =>
        await LiveKeyAsync(store, id, cancellationToken) is { } key
            ? await governed.RunAsync(context, PolicyOperations.KeyDestroy, new DestroyKeyCommand(key.Id), cancellationToken)
            : ApiProblems.UnknownKey(id);

    private static async Task<IResult> SignAsync(
        string id, HttpContext context, [FromServices] ICoordinatorStore store, [FromServices] Governed governed, [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        if (await LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, SignShape, options.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var valid = KeyRequestRules.Sign(new SignRequest(body.String("message"), body.String("digest"), body.String("path")), key.Scheme, errors);
        return valid is { } sign
            ? await governed.RunAsync(context, PolicyOperations.SignRaw, new SignRawCommand(key.Id, Convert.ToHexStringLower(sign.Payload), sign.Path), cancellationToken)
            : ApiProblems.Invalid(errors);
    }

    private static async Task<Results<Ok<KeyInfo>, ProblemHttpResult>> RefreshAsync(
        string id, HttpRequest request, [FromServices] ICoordinatorStore store, [FromServices] IKeyOperations operations, CancellationToken cancellationToken)
    {
        if (await LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "unexpected-body", "Unexpected body", "refresh takes no request body", "body");
        }

        return TypedResults.Ok(await operations.RefreshAsync(key.Id, cancellationToken));
    }

    private static async Task<IResult> ReshareAsync(
        string id, HttpContext context, [FromServices] ICoordinatorStore store, [FromServices] Governed governed, [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        if (await LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, ReshareShape, options.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var members = (await store.ListNodesAsync(cancellationToken)).Count;
        var errors = new FieldErrors();
        return KeyRequestRules.Reshare(new ReshareRequest(body.Int32("threshold"), body.Int32("parties")), key.Scheme, members, errors) is { } reshare
            ? await governed.RunAsync(context, PolicyOperations.Reshare, new ReshareCommand(key.Id, reshare.Threshold, reshare.Parties), cancellationToken)
            : ApiProblems.Invalid(errors);
    }

    internal static async Task<KeyRecord?> LiveKeyAsync(ICoordinatorStore store, string id, CancellationToken cancellationToken)
    {
        var key = await store.GetKeyAsync(id, cancellationToken);
        return key is { DestroyedAt: null } ? key : null;
    }
}
