using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Transactions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// POST /v1/keys/{id}/transactions: signs an unsigned transaction in its chain's own format with a key (or its
/// non-hardened child). The whole input is checked by the chain adapter before any session starts; then one
/// signing session runs per signature the transaction needs (a PSBT input each, at most
/// <see cref="MaxConcurrentSessions"/> at a time), every signature is verified by the coordinator under the
/// (derived, tweaked) key, and the adapter assembles and checks the signed transaction.
/// </summary>
internal static class TransactionEndpoints
{
    /// <summary>Typed data nests structs and arrays; deeper documents are refused as malformed.</summary>
    private const int MaxDepth = 64;

    /// <summary>A PSBT with more inputs of ours than this is refused: split it.</summary>
    private const int MaxSignatures = 256;

    private const int MaxConcurrentSessions = 8;

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/keys/{id}/transactions", SignAsync)
            .WithName("SignTransaction")
            .WithSummary("Sign a transaction: a PSBT (bitcoin, litecoin), an EVM transaction, personal_sign message or EIP-712 typed data (ethereum), a Solana, Cosmos (SIGN_MODE_DIRECT) or Tron transaction")
            .Accepts<TransactionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> SignAsync(
        string id, HttpRequest request, [FromServices] ICoordinatorStore store, [FromServices] IKeyOperations operations, [FromServices] ApiOptions options, CancellationToken cancellationToken)
    {
        if (await KeyEndpoints.LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        var (document, problem) = await JsonBody.ReadDocumentAsync(request, options.MaxTransactionBodyBytes, MaxDepth, cancellationToken);
        if (document is null)
        {
            return problem!;
        }

        TransactionPlan plan;
        IReadOnlyList<uint> path;
        using (document)
        {
            var errors = new FieldErrors();
            var body = TransactionRequestBody.Read(document.RootElement, errors);
            path = body is null ? [] : KeyRequestRules.Path(body.Path, errors) ?? [];
            if (body is null || !errors.IsEmpty)
            {
                return ApiProblems.Invalid(errors);
            }

            var family = TransactionPlanner.Family(key.Scheme, body.Chain);
            if (SchemeVerifier.DerivedPublicKey(key, path) is not { } publicKey)
            {
                return ApiProblems.Create(400, "invalid-derivation", "No key at this path", "The path has no valid child key; BIP32 says to use the next index.", "path");
            }

            plan = TransactionPlanner.Plan(family, key.Scheme, publicKey, body);
        }

        if (plan.Signatures.Count > MaxSignatures)
        {
            return ApiProblems.Create(400, "invalid-transaction", "Too many inputs to sign",
                $"The transaction needs {plan.Signatures.Count} signatures from this key; at most {MaxSignatures} are made per request.", "transaction");
        }

        var produced = new ProducedSignature[plan.Signatures.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSessions, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, produced.Length), parallel, async (index, token) =>
        {
            var planned = plan.Signatures[index];
            var signed = await operations.SignAsync(key.Id, planned.Payload, path, planned.Taproot, token);
            produced[index] = new ProducedSignature(Convert.FromHexString(signed.Signature), signed.RecoveryId ?? 0);
        });
        return plan.Complete(produced);
    }
}
