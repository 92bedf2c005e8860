using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Policy;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Transactions;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// Prepares the governed key operations from their canonical payloads (<see cref="Commands"/>): key_create,
/// key_destroy, reshare, sign_raw, and sign_transaction / sign_message through the chain adapters. The key must
/// be live when the operation is prepared — so a key destroyed while a request awaited approval fails it — and must not
/// be the ledger committee's key (409 ledger-key: it signs only block headers the nodes re-executed, docs/ledger.md).
/// </summary>
internal sealed class KeyOperationPreparer(IKeyOperations operations, ICoordinatorStore store, ILedgerKeyGuard? ledgerKeys = null) : IOperationPreparer
{
    public IReadOnlyList<string> Operations { get; } =
        [PolicyOperations.KeyCreate, PolicyOperations.KeyDestroy, PolicyOperations.Reshare, PolicyOperations.SignRaw, PolicyOperations.SignTransaction, PolicyOperations.SignMessage];

    public static string Payload<T>(T command) =>
        JsonSerializer.Serialize(command, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)CommandJsonContext.Default.GetTypeInfo(typeof(T))!);

    public async Task<PreparedOperation> PrepareAsync(string operation, string payload, CancellationToken cancellationToken) => operation switch
    {
        PolicyOperations.KeyCreate => CreateKey(payload, Read(payload, CommandJsonContext.Default.CreateKeyCommand)),
        PolicyOperations.KeyDestroy => DestroyKey(payload, await LiveKeyAsync(Read(payload, CommandJsonContext.Default.DestroyKeyCommand).KeyId, cancellationToken)),
        PolicyOperations.Reshare => await ReshareAsync(payload, Read(payload, CommandJsonContext.Default.ReshareCommand), cancellationToken),
        PolicyOperations.SignRaw => await SignRawAsync(payload, Read(payload, CommandJsonContext.Default.SignRawCommand), cancellationToken),
        _ => await SignTransactionAsync(payload, Read(payload, CommandJsonContext.Default.SignTransactionCommand), cancellationToken),
    };

    private PreparedOperation CreateKey(string payload, CreateKeyCommand command) =>
        new(PolicyOperations.KeyCreate, "", command.Name, null, payload, [], [],
            async (approval, ct) =>
            {
                var key = await operations.CreateKeyAsync(command.Name, command.Scheme, command.Threshold, command.Parties, approval, ct);
                return new OperationResult(201, key, $"/v1/keys/{Uri.EscapeDataString(key.Id)}");
            });

    private PreparedOperation DestroyKey(string payload, KeyRecord key) =>
        new(PolicyOperations.KeyDestroy, key.Id, key.Name, null, payload, [], [],
            async (approval, ct) =>
            {
                await operations.DestroyAsync(key.Id, approval, ct);
                return new OperationResult(204, null);
            });

    private async Task<PreparedOperation> ReshareAsync(string payload, ReshareCommand command, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(command.KeyId, cancellationToken);
        return new PreparedOperation(PolicyOperations.Reshare, key.Id, key.Name, null, payload, [], [],
            async (approval, ct) => new OperationResult(200, await operations.ReshareAsync(key.Id, command.Threshold, command.Parties, approval, ct)));
    }

    private async Task<PreparedOperation> SignRawAsync(string payload, SignRawCommand command, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(command.KeyId, cancellationToken);
        var message = Convert.FromHexString(command.Payload);
        return new PreparedOperation(PolicyOperations.SignRaw, key.Id, key.Name, null, payload, command.Path, [message],
            async (approval, ct) => new OperationResult(200, await operations.SignAsync(key.Id, message, command.Path, taproot: null, approval, ct)));
    }

    private async Task<PreparedOperation> SignTransactionAsync(string payload, SignTransactionCommand command, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(command.KeyId, cancellationToken);
        var errors = new FieldErrors();
        var body = TransactionRequestBody.Read(command.Body, errors)
            ?? throw new ApiProblemException(400, "invalid-request", "The request is not valid", errors.Summary(), errors.FirstField);
        var path = KeyRequestRules.Path(body.Path, errors)
            ?? throw new ApiProblemException(400, "invalid-request", "The request is not valid", errors.Summary(), "path");
        var family = TransactionPlanner.Family(key.Scheme, body.Chain);
        var publicKey = SchemeVerifier.DerivedPublicKey(key, path)
            ?? throw new ApiProblemException(400, "invalid-derivation", "No key at this path", "The path has no valid child key; BIP32 says to use the next index.", "path");
        var plan = TransactionPlanner.Plan(family, key.Scheme, publicKey, body);
        if (plan.Signatures.Count > TransactionSigning.MaxSignatures)
        {
            throw new ApiProblemException(400, "invalid-transaction", "Too many inputs to sign",
                $"The transaction needs {plan.Signatures.Count} signatures from this key; at most {TransactionSigning.MaxSignatures} are made per request.", "transaction");
        }

        var operation = body.Transaction is null ? PolicyOperations.SignMessage : PolicyOperations.SignTransaction;
        return new PreparedOperation(operation, key.Id, key.Name, plan.Facts(body.Chain), payload, path, [.. plan.Signatures.Select(s => s.Payload)],
            async (approval, ct) => new OperationResult(200, await TransactionSigning.SignAsync(operations, key.Id, path, plan, approval, ct)));
    }

    private async Task<KeyRecord> LiveKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await KeyEndpoints.LiveKeyAsync(store, keyId, cancellationToken)
            ?? throw new ApiProblemException(404, "unknown-key", "Key not found", $"No live key has id '{keyId}'.", "id");
        return ledgerKeys?.IsLedgerKey(key.Id) == true
            ? throw new ApiProblemException(409, "ledger-key", "The ledger's key",
                $"Key {key.Id} is the ledger committee's key: it signs only ledger block headers and cannot be used, reshared or destroyed here.", "id")
            : key;
    }

    private static T Read<T>(string payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(payload, type) ?? throw new InvalidOperationException("A stored payload is empty.");
}
