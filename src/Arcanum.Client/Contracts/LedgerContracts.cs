using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Ledger.Queries;

namespace Arcanum.Client.Contracts;

// The JSON bodies of the ledger API (/v1/ledger, docs/ledger.md "API"), shared by the coordinator and the SDK.
// Hashes, roots, signatures and encodings are lower-case hex; times are Unix milliseconds.

/// <summary>
/// POST /v1/ledger/transactions → 202: the transaction's hash and its status — "pending" once it is durably pooled, or,
/// for a transaction already processed, "included" / "rejected".
/// </summary>
public sealed record LedgerSubmitResponse(string Hash, string Status);

/// <summary>
/// GET /v1/ledger/transactions/{hash}: <c>pending</c>; <c>included</c> at (height, index) with its events; or
/// <c>rejected</c> while block <c>height</c> was built, with a stable reason code and a sentence.
/// </summary>
public sealed record LedgerTransactionStatus(string Hash, string Status, long? Height = null, int? Index = null,
    IReadOnlyList<LedgerEventInfo>? Events = null, string? Reason = null, string? Detail = null);

/// <summary>An event a transaction emitted: module, name and its attributes in emission order.</summary>
public sealed record LedgerEventInfo(string Module, string Name, IReadOnlyList<LedgerEventAttribute> Attributes);

/// <summary>One event attribute.</summary>
public sealed record LedgerEventAttribute(string Key, string Value);

/// <summary>
/// GET /v1/ledger/blocks/{height} and /v1/ledger/blocks/latest: the header fields, the committee signature (null for
/// genesis, which is never signed), the transactions' hashes, and <c>Encoded</c> — the FinalizedBlock encoding (for
/// genesis, the Block encoding) a verifier replays.
/// </summary>
public sealed record LedgerBlockInfo(long Height, string Hash, string PrevHash, long Time, string TxRoot, string StateRoot, string EventsRoot,
    string? Signature, IReadOnlyList<string> Transactions, string Encoded);

/// <summary>
/// GET /v1/ledger/status: the chain id, the committee's Ed25519 public key, the latest finalized block, the number of
/// pooled transactions and the sequencer's settings.
/// </summary>
public sealed record LedgerStatusInfo(string ChainId, string CommitteeKey, long Height, string HeadHash, string StateRoot, long Time,
    long Pending, int BlockIntervalMs, int MaxTxPerBlock);

/// <summary>
/// With <c>?proof=true</c>: one QueryProof encoding (hex) per state key the query read — each the value, its Merkle
/// proof and the committee-signed header of <c>Height</c>. A client recomputes the answer from the proven values
/// (Arcanum.Ledger.Queries.ProvenStateView) with only the committee key.
/// </summary>
public sealed record LedgerProof(string ChainId, long Height, IReadOnlyList<string> Proofs);

/// <summary>A module query's answer at the latest finalized block (<c>Height</c>), with its proof when asked for.</summary>
public sealed record LedgerAnswer<T>(long Height, T Value, LedgerProof? Proof = null);

/// <summary>WebSocket /v1/ledger/events: one message per finalized block.</summary>
public sealed record LedgerBlockEvent(string Type, long Height, string Hash, int Transactions, long Time);

/// <summary>Source-generated JSON for the ledger bodies (camelCase, like <see cref="ApiJsonContext"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LedgerSubmitResponse))]
[JsonSerializable(typeof(LedgerTransactionStatus))]
[JsonSerializable(typeof(IReadOnlyList<LedgerEventInfo>))]
[JsonSerializable(typeof(LedgerBlockInfo))]
[JsonSerializable(typeof(LedgerStatusInfo))]
[JsonSerializable(typeof(LedgerBlockEvent))]
[JsonSerializable(typeof(LedgerAnswer<AccountView>))]
[JsonSerializable(typeof(LedgerAnswer<KeystoreView>))]
[JsonSerializable(typeof(LedgerAnswer<ResourceView>))]
[JsonSerializable(typeof(LedgerAnswer<AccessCheckView>))]
[JsonSerializable(typeof(LedgerAnswer<MessagesView>))]
public sealed partial class LedgerJsonContext : JsonSerializerContext;
