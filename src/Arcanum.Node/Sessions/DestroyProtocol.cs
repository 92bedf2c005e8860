using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// DESTROY: no protocol. When the run finishes, every epoch of the key's shares is overwritten,
/// fsync'd and deleted (<see cref="Vault.ShareVault.Destroy"/>), and the report says how many were removed.
/// A node holding a share of the key under another scheme refuses (the request names the wrong key).
/// </summary>
internal sealed class DestroyProtocol(KeyScheme scheme) : ISessionProtocol
{
    public SessionKind Kind => SessionKind.Destroy;

    public KeyScheme Scheme => scheme;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        var other = node.Vault.List().FirstOrDefault(s => s.KeyId == request.KeyId && s.Scheme != scheme);
        if (other is not null)
        {
            refusal = $"key {request.KeyId} is a {other.Scheme} key, not {scheme}";
            return null;
        }

        refusal = string.Empty;
        var keyId = request.KeyId;
        return new ImmediateRun(() => Reports.Destroyed(node.Vault.Destroy(keyId)));
    }
}
