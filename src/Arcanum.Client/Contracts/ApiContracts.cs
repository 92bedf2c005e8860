using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Client.Contracts;

// The JSON bodies of the REST API (/v1), shared by the coordinator and the SDK. Names are camelCase
// on the wire (System.Text.Json web defaults, source-generated in ApiJsonContext). docs/api.md
// describes each endpoint.

/// <summary>
/// GET /v1/sys/health. <see cref="Reason"/> says why the coordinator is degraded or not ready (e.g.
/// "1 of 3 nodes connected; at least 2 are needed", "store unreachable"); null when ok.
/// </summary>
public sealed record HealthResponse(string Status, NodeCounts Nodes, string? Reason = null);

public sealed record NodeCounts(int Connected, int Total);

/// <summary>One element of GET /v1/nodes.</summary>
public sealed record NodeInfo(int Id, string Name, bool Connected, DateTimeOffset? LastSeen, string? Version);

/// <summary>
/// POST /v1/keys. <see cref="Scheme"/>: frost-ed25519, frost-secp256k1, frost-taproot or
/// ecdsa-secp256k1. <see cref="Parties"/> is a count (default: every node).
/// </summary>
public sealed record CreateKeyRequest(string? Name, string? Scheme, int? Threshold, int? Parties);

/// <summary>A key's public data. <see cref="Parties"/> are node ids; hex strings are lower-case.</summary>
public sealed record KeyInfo(
    string Id,
    string Name,
    string Scheme,
    int Threshold,
    IReadOnlyList<int> Parties,
    string PublicKey,
    string ChainCode,
    long Epoch,
    DateTimeOffset CreatedAt);

/// <summary>POST /v1/keys/{id}/sign: <see cref="Message"/> (hex) for frost-ed25519/frost-secp256k1, <see cref="Digest"/> (32-byte hex) for ecdsa-secp256k1/frost-taproot.</summary>
public sealed record SignRequest(string? Message = null, string? Digest = null, string? Path = null);

/// <summary>
/// A verified signature. <see cref="PublicKey"/> is the key it verifies under (the derived key when
/// a path was given). ECDSA adds <see cref="R"/>, <see cref="S"/>, <see cref="RecoveryId"/> and <see cref="Der"/>.
/// </summary>
public sealed record SignResponse(
    string Signature,
    string PublicKey,
    string Session,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? R = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? S = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RecoveryId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Der = null);

/// <summary>POST /v1/keys/{id}/reshare: the new threshold and the new number of share holders.</summary>
public sealed record ReshareRequest(int? Threshold, int? Parties);

/// <summary>
/// GET /v1/sessions/{id}. <see cref="Status"/>: running, completed, aborted, timed_out;
/// <see cref="Culprits"/> (aborted) and <see cref="Missing"/> (timed_out) are node ids.
/// </summary>
public sealed record SessionInfo(
    string Id,
    string Kind,
    string? KeyId,
    IReadOnlyList<int> Parties,
    string Status,
    string? Reason,
    IReadOnlyList<int> Culprits,
    IReadOnlyList<int> Missing,
    string? RetryOf,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt);

/// <summary>
/// One notification on the /v1/events WebSocket (notify only: GET is the source of truth).
/// <see cref="Type"/>: session.started, session.round, session.ended.
/// </summary>
public sealed record SessionEvent(string Type, string Session, string Kind, string? KeyId, string Status, int? Round, DateTimeOffset Time);

/// <summary>GET /v1/keys/{id}/address: the address, the (derived) public key it encodes (hex), and the path ("m" for the key itself).</summary>
public sealed record AddressResponse(string Address, string PublicKey, string Path);

/// <summary>GET /v1/keys/{id}/xpub: the key's BIP32 extended public key (depth 0) for the network.</summary>
public sealed record XpubResponse(string Xpub, string Network);

/// <summary>
/// POST /v1/keys/{id}/transactions: the chain, an optional non-hardened derivation path, and what to sign —
/// <see cref="Transaction"/> in the chain's own unsigned form (see docs/chains.md), or for <c>ethereum</c>
/// alone a <see cref="PersonalSign"/> message (0x-hex) or EIP-712 <see cref="TypedData"/>. Exactly one of the three.
/// </summary>
public sealed record TransactionRequest(
    string Chain, string? Path = null, JsonElement? Transaction = null, string? PersonalSign = null, JsonElement? TypedData = null);

/// <summary>A signed PSBT (base64) and, when every input is signed, the finalized network transaction (hex) and its txid.</summary>
public sealed record BitcoinTransactionResponse(
    string Psbt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SignedTransaction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Txid);

/// <summary>A signed EVM transaction (0x-hex, ready for eth_sendRawTransaction) and its hash.</summary>
public sealed record EvmTransactionResponse(string SignedTransaction, string Hash);

/// <summary>A personal_sign or EIP-712 signature: 0x-hex r ‖ s ‖ v with v = 27 or 28.</summary>
public sealed record EvmSignatureResponse(string Signature);

/// <summary>A signed Solana transaction (base64 wire format) and our signature (base58, the transaction id when we pay the fee).</summary>
public sealed record SolanaTransactionResponse(string SignedTransaction, string Signature);

/// <summary>A SIGN_MODE_DIRECT signature (base64 r ‖ s, low S) and the TxRaw bytes to broadcast (base64).</summary>
public sealed record CosmosTransactionResponse(string Signature, string TxRaw);

/// <summary>A Tron signature (hex r ‖ s ‖ v, v the recovery id 0 or 1) and the transaction id (hex SHA-256 of raw_data).</summary>
public sealed record TronTransactionResponse(string Signature, [property: JsonPropertyName("txID")] string TxId);

/// <summary>RFC 9457 problem details as the API writes them; <see cref="Field"/> names the offending request field.</summary>
public sealed record ProblemDetailsBody(string? Type, string? Title, int? Status, string? Detail, string? Field);

/// <summary>The scheme names the API accepts.</summary>
public static class KeySchemes
{
    public const string FrostEd25519 = "frost-ed25519";
    public const string FrostSecp256k1 = "frost-secp256k1";
    public const string FrostTaproot = "frost-taproot";
    public const string EcdsaSecp256k1 = "ecdsa-secp256k1";

    public static IReadOnlyList<string> All { get; } = [FrostEd25519, FrostSecp256k1, FrostTaproot, EcdsaSecp256k1];

    /// <summary>Schemes that sign a 32-byte digest rather than a message.</summary>
    public static bool SignsDigest(string scheme) => scheme is EcdsaSecp256k1 or FrostTaproot;
}

/// <summary>POST /v1/tokens: a name (not a role name), a role, and a lifetime such as "30m", "24h" or "30d" (default 30 days, at most 366 days).</summary>
public sealed record CreateTokenRequest(string? Name, string? Role, string? Ttl = null);

/// <summary>A token as listed (never its secret). <see cref="Accessor"/> names it for revocation and in the audit log.</summary>
public sealed record TokenInfo(string Accessor, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? CreatedBy);

/// <summary>POST /v1/tokens → 201: the token's data and its secret <see cref="Token"/>, shown this once.</summary>
public sealed record CreatedToken(string Accessor, string Name, string Role, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A stored policy version: the document, its SHA-256, who stored it and when.</summary>
public sealed record PolicyInfo(long Version, JsonElement Policy, string Hash, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// POST /v1/policy/evaluate: a dry run of the active policy (or of <see cref="Policy"/> when given) for an
/// operation; <see cref="Initiator"/> defaults to the caller. Transaction facts: chains, asset, destinations, amount (base units).
/// </summary>
public sealed record EvaluateRequest(
    string? Operation,
    string? KeyId = null,
    string? KeyName = null,
    EvaluateInitiator? Initiator = null,
    EvaluateTransaction? Transaction = null,
    JsonElement? Policy = null);

public sealed record EvaluateInitiator(string? Name, string? Role);

public sealed record EvaluateTransaction(IReadOnlyList<string>? Chains, string? Asset, IReadOnlyList<string>? Destinations, string? Amount);

/// <summary>The decision (allow, deny, require_approval), why, every rule that applied, and for require_approval who must approve.</summary>
public sealed record EvaluateResponse(string Decision, string Reason, IReadOnlyList<MatchedRule> Matched, ApprovalRequirementInfo? Approval, long? PolicyVersion);

public sealed record MatchedRule(string Rule, string Action, string Why);

/// <summary>Who must approve a request and how many of them (names or roles).</summary>
public sealed record ApprovalRequirementInfo(int Quorum, IReadOnlyList<string> Approvers, int? ExpiresIn = null);

/// <summary>202 for an operation that needs approval: the request to approve.</summary>
public sealed record PendingRequestResponse(string RequestId, string Status, ApprovalRequirementInfo Requires);

/// <summary>POST /v1/requests/{id}/approve or /reject: optionally the payload hash the approver reviewed (409 if it is not the request's).</summary>
public sealed record DecisionRequest(string? PayloadHash = null);

/// <summary>One approver's decision on a request.</summary>
public sealed record ApprovalInfo(string Approver, string Decision, DateTimeOffset At);

/// <summary>
/// A request that needed approval. <see cref="Status"/> is pending_approval, approved (signing), rejected, expired,
/// completed (with <see cref="Result"/>: what the operation answered) or failed (with <see cref="Reason"/>).
/// <see cref="PayloadHash"/> is what approvals bind to.
/// </summary>
public sealed record RequestInfo(
    string RequestId,
    string Status,
    string Operation,
    string KeyId,
    string Initiator,
    JsonElement Payload,
    string PayloadHash,
    ApprovalRequirementInfo Requires,
    IReadOnlyList<ApprovalInfo> Approvals,
    JsonElement? Result,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt);

/// <summary>One audit log entry (docs/operations.md).</summary>
public sealed record AuditEntryInfo(
    long Seq, DateTimeOffset Time, string ActorAccessor, string ActorName, string Action, string Target,
    string RequestHash, string Decision, string Outcome, string PrevHash, string Hash);

/// <summary>GET /v1/audit/verify: whether the chain is intact, how many entries, the head hash, and where it broke.</summary>
public sealed record AuditVerifyResponse(bool Ok, long Entries, string? Head, long? BrokenAt = null, string? Problem = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(NodeInfo[]))]
[JsonSerializable(typeof(IReadOnlyList<NodeInfo>))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyInfo))]
[JsonSerializable(typeof(KeyInfo[]))]
[JsonSerializable(typeof(IReadOnlyList<KeyInfo>))]
[JsonSerializable(typeof(SignRequest))]
[JsonSerializable(typeof(SignResponse))]
[JsonSerializable(typeof(ReshareRequest))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(SessionEvent))]
[JsonSerializable(typeof(ProblemDetailsBody))]
[JsonSerializable(typeof(AddressResponse))]
[JsonSerializable(typeof(XpubResponse))]
[JsonSerializable(typeof(TransactionRequest))]
[JsonSerializable(typeof(BitcoinTransactionResponse))]
[JsonSerializable(typeof(EvmTransactionResponse))]
[JsonSerializable(typeof(EvmSignatureResponse))]
[JsonSerializable(typeof(SolanaTransactionResponse))]
[JsonSerializable(typeof(CosmosTransactionResponse))]
[JsonSerializable(typeof(TronTransactionResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenInfo))]
[JsonSerializable(typeof(TokenInfo[]))]
[JsonSerializable(typeof(CreatedToken))]
[JsonSerializable(typeof(PolicyInfo))]
[JsonSerializable(typeof(PolicyInfo[]))]
[JsonSerializable(typeof(EvaluateRequest))]
[JsonSerializable(typeof(EvaluateResponse))]
[JsonSerializable(typeof(PendingRequestResponse))]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(RequestInfo))]
[JsonSerializable(typeof(RequestInfo[]))]
[JsonSerializable(typeof(AuditEntryInfo[]))]
[JsonSerializable(typeof(AuditEntryInfo))]
[JsonSerializable(typeof(AuditVerifyResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
