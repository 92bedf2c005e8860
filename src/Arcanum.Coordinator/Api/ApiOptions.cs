using Arcanum.Ledger.Transactions;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// Settings of the REST API. <see cref="AdminToken"/> is required: the bootstrap admin token (RFC 6750 §2.1),
/// valid alongside the tokens stored by POST /v1/tokens. <see cref="MaxRequestBodyBytes"/> bounds every request
/// body; a larger one is refused with 413 before it is parsed.
/// </summary>
public sealed record ApiOptions
{
    /// <summary>The admin bearer token (required, non-blank). Never logged; <see cref="ToString"/> prints [redacted].</summary>
    public required string AdminToken { get; init; }

    /// <summary>The largest request body accepted, in bytes (default 64 KiB).</summary>
    public int MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The largest body of POST /v1/keys/{id}/transactions (default 2 MiB: PSBTs, Tron and Cosmos transactions can be large).</summary>
    public int MaxTransactionBodyBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Requests per second one API token may make on average (bursts of twice that); above it, 429.</summary>
    public int RequestsPerSecondPerToken { get; init; } = 1000;

    /// <summary>
    /// Requests per second one API token may make on the /v1/ledger routes (default 10,000, bursts of twice that): a
    /// bucket of its own, so ledger traffic neither uses up nor waits behind the token's key-operation budget.
    /// </summary>
    public int LedgerRateLimitPerSecond { get; init; } = 10_000;

    /// <summary>Requests per second one client address may make without a token (health checks, failed logins).</summary>
    public int AnonymousRequestsPerSecond { get; init; } = 100;

    /// <summary>A second, fail-closed audit sink: JSON lines appended to this file (null: the store only).</summary>
    public string? AuditFile { get; init; }

    /// <summary>
    /// The largest of the limits (with the ledger's <see cref="TransactionJson.MaxLength"/>): what Kestrel and the size
    /// gate let through before a route applies its own.
    /// </summary>
    internal int MaxAnyBodyBytes => Math.Max(Math.Max(MaxRequestBodyBytes, MaxTransactionBodyBytes), TransactionJson.MaxLength);

    public override string ToString() => $"ApiOptions {{ AdminToken = [redacted], MaxRequestBodyBytes = {MaxRequestBodyBytes}, MaxTransactionBodyBytes = {MaxTransactionBodyBytes}, LedgerRateLimitPerSecond = {LedgerRateLimitPerSecond} }}";
}
