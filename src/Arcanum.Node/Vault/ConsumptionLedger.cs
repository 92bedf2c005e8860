namespace Arcanum.Node.Vault;

/// <summary>Placeholder: durable record of consumed nonces, presignatures and session ids.</summary>
public sealed class ConsumptionLedger;
