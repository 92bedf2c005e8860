using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Policy;
using Arcanum.Coordinator.Transactions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// POST /v1/keys/{id}/transactions: signs an unsigned transaction in its chain's own format with a key (or its
/// non-hardened child). The envelope is checked here; the chain adapter checks the whole transaction when the
/// operation is prepared (<see cref="KeyOperationPreparer"/>), before policy decides and before any session
/// starts; then one signing session runs per signature (<see cref="TransactionSigning"/>), every signature is
/// verified by the coordinator, and the adapter assembles and checks the signed transaction.
/// </summary>
internal static class TransactionEndpoints
{
    /// <summary>Typed data nests structs and arrays; deeper documents are refused as malformed.</summary>
    private const int MaxDepth = 64;

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/keys/{id}/transactions", SignAsync)
            .WithName("SignTransaction")
            .WithMetadata(GovernedRouteMetadata.Instance)
            .WithSummary("Sign a transaction: a PSBT (bitcoin, litecoin), an EVM transaction, personal_sign message or EIP-712 typed data (ethereum), a Solana, Cosmos (SIGN_MODE_DIRECT) or Tron transaction")
            .Accepts<TransactionRequest>("application/json")
            .Produces<PendingRequestResponse>(StatusCodes.Status202Accepted)
            .RequireRoles(Roles.Signer)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> SignAsync(
        string id, HttpContext context, [FromServices] ICoordinatorStore store, [FromServices] Governed governed, [FromServices] ApiOptions options,
        CancellationToken cancellationToken)
    {
        if (await KeyEndpoints.LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        var (document, problem) = await JsonBody.ReadDocumentAsync(context.Request, options.MaxTransactionBodyBytes, MaxDepth, cancellationToken);
        if (document is null)
        {
            return problem!;
        }

        SignTransactionCommand command;
        using (document)
        {
            var errors = new FieldErrors();
            var body = TransactionRequestBody.Read(document.RootElement, errors);
            if (body is null || KeyRequestRules.Path(body.Path, errors) is null)
            {
                return ApiProblems.Invalid(errors);
            }

            TransactionPlanner.Family(key.Scheme, body.Chain);
            using var canonical = System.Text.Json.JsonDocument.Parse(CanonicalJson.Serialize(document.RootElement));
            command = new SignTransactionCommand(key.Id, canonical.RootElement.Clone());
        }

        // sign_transaction or sign_message: the preparer tells them apart by the body.
        return await governed.RunAsync(context, PolicyOperations.SignTransaction, command, cancellationToken);
    }
}
