namespace Arcanum.Node.Vault;

/// <summary>Placeholder: sealed share storage (AES-256-GCM under the node master key).</summary>
public sealed class ShareVault;
