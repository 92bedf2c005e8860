namespace Arcanum.Node.Vault;

/// <summary>
/// A sealed file exists but this node cannot open it: the master key is not the one that sealed it,
/// or the file was altered, truncated, or moved to another key id, epoch or node (the AAD binds
/// all three). Never transient: retrying gives the same answer.
/// </summary>
public sealed class VaultSealException : Exception
{
    public VaultSealException()
    {
    }

    public VaultSealException(string message)
        : base(message)
    {
    }

    public VaultSealException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
