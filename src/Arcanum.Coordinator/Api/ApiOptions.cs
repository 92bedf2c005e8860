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

    public override string ToString() => $"ApiOptions {{ AdminToken = [redacted], MaxRequestBodyBytes = {MaxRequestBodyBytes} }}";
}
