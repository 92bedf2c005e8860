namespace Arcanum.Coordinator.Api;

/// <summary>
/// Settings of the REST API. <see cref="AdminToken"/> is required: the bearer token every
/// non-public route demands (RFC 6750 §2.1). <see cref="MaxRequestBodyBytes"/> bounds every request
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

    /// <summary>The larger of the two limits: what Kestrel and the size gate let through before a route applies its own.</summary>
    internal int MaxAnyBodyBytes => Math.Max(MaxRequestBodyBytes, MaxTransactionBodyBytes);

    public override string ToString() => $"ApiOptions {{ AdminToken = [redacted], MaxRequestBodyBytes = {MaxRequestBodyBytes}, MaxTransactionBodyBytes = {MaxTransactionBodyBytes} }}";
}
